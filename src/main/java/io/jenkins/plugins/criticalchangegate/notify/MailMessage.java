package io.jenkins.plugins.criticalchangegate.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The e-mail about a gate (issue 14): a one-line subject and a plain-text body, built from the same
 * {@link NotificationPayload} a webhook receives, so the mail says what the inbox and the webhooks say. Every value
 * taken from the payload (a change id, a job name, a user id) is made single-line and stripped of control characters
 * ({@link #oneLine}), so nothing a build or a user names can add a header or fake a line of the body. An immutable
 * value; sending it is the Jenkins layer's (Mailer).
 */
public final class MailMessage {
    /** Longest subject: RFC 5322 recommends 78 characters a line; a folded subject of this length is still read. */
    static final int MAX_SUBJECT = 200;
    /** Longest single value in the body: a change id or a requirement is far shorter; bounds a hostile one. */
    static final int MAX_VALUE = 2000;
    private static final String PREFIX = "[critical-change-gate] ";

    private final String subject;
    private final String body;

    private MailMessage(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    /** The mail for this payload. */
    public static MailMessage of(NotificationPayload payload) {
        Map<String, Object> f = payload.fields();
        String change = value(f, "changeId");
        String system = value(f, "system");
        String headline;
        switch (payload.event()) {
            case GATE_OPENED:
                headline = "Approval needed: change " + change + " to " + system;
                break;
            case GATE_DECIDED:
                headline = "Change " + change + " to " + system + " was " + value(f, "outcome");
                break;
            default:
                headline = "Reminder: change " + change + " to " + system + " expires soon";
                break;
        }
        StringBuilder body = new StringBuilder();
        // the payload's text says it in one sentence (counts, minutes left); the lines below give the details
        line(body, null, value(f, "text"));
        body.append('\n');
        line(body, "Gate page", value(f, "gateUrl"));
        line(body, "System", system);
        line(body, "Change", change);
        line(body, "Job", value(f, "job") + " #" + value(f, "build"));
        line(body, "Build", value(f, "buildUrl"));
        line(body, "Started by", value(f, "startedBy"));
        line(body, "Requested at", value(f, "requestedAt"));
        line(body, "Requirement", value(f, "requirement"));
        line(body, "Approvals needed", value(f, "approvalsNeeded"));
        line(body, "Approvals so far", approvals(f.get("approvals")));
        line(body, "Deadline", value(f, "deadline"));
        line(body, "Documentation", value(f, "documentationUrl"));
        line(body, "Held because", value(f, "heldBecause"));
        line(body, "Outcome", value(f, "outcome"));
        line(body, "Decided at", value(f, "decidedAt"));
        line(body, "Approved by", list(f.get("approvers")));
        body.append("\nSent by the critical change gate of Jenkins because the registry lists this address under"
                + " notify.email for the system.\n");
        return new MailMessage(truncate(oneLine(PREFIX + headline), MAX_SUBJECT), body.toString());
    }

    /** One line: no header can follow it, whatever the payload held. */
    public String subject() {
        return subject;
    }

    /** Plain text, lines ended by {@code \n}. */
    public String body() {
        return body;
    }

    /**
     * The text on one line: every control character (CR, LF, TAB, NUL, ...) and the Unicode line and paragraph
     * separators become a space, runs of spaces one space.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029'
                    || Character.isSpaceChar(c);
            if (blank) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static void line(StringBuilder body, @CheckForNull String label, String value) {
        if (value.isEmpty()) {
            return;
        }
        if (label != null) {
            body.append(label).append(": ");
        }
        body.append(value).append('\n');
    }

    /** The member as one bounded line; empty when absent. */
    private static String value(Map<String, Object> fields, String key) {
        Object v = fields.get(key);
        return v == null ? "" : truncate(oneLine(String.valueOf(v)), MAX_VALUE);
    }

    private static String approvals(Object approvals) {
        if (!(approvals instanceof List) || ((List<?>) approvals).isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (Object a : (List<?>) approvals) {
            if (a instanceof Map) {
                Map<?, ?> vote = (Map<?, ?>) a;
                out.append(out.length() == 0 ? "" : ", ").append(vote.get("user"));
                if (vote.get("through") != null) {
                    out.append(" (through ").append(vote.get("through")).append(')');
                }
                out.append(" at ").append(vote.get("at"));
            }
        }
        return truncate(oneLine(out.toString()), MAX_VALUE);
    }

    private static String list(Object values) {
        if (!(values instanceof List)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Object v : (List<?>) values) {
            out.append(out.length() == 0 ? "" : ", ").append(v);
        }
        return truncate(oneLine(out.toString()), MAX_VALUE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailMessage && subject.equals(((MailMessage) o).subject)
                && body.equals(((MailMessage) o).body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, body);
    }

    @Override
    public String toString() {
        return subject;
    }
}
