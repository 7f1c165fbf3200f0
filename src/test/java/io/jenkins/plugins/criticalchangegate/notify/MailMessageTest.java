package io.jenkins.plugins.criticalchangegate.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The e-mail about a gate: what it says, and that nothing a build or a user names can break out of its line. */
public class MailMessageTest {
    private static final Instant REQUESTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final GateLinks LINKS = GateLinks.fromRoot("https://ci.example.com/", "app/deploy", 7);

    private static PendingGate.Builder gate(String changeId) {
        return PendingGate.builder("app/deploy", 7, "payments", changeId, REQUESTED).approvalsNeeded(2)
                .startedBy("alice").requirement("2 approval(s) from: group payments-leads")
                .deadline(Instant.parse("2026-01-02T10:00:00Z"))
                .documentationUrl("https://wiki.example.com/CHG-1");
    }

    @Test
    public void anOpenedGateSaysWhatIsNeededAndWhere() {
        MailMessage mail = MailMessage.of(NotificationPayload.opened(gate("CHG-1")
                .approval(new PendingGate.Vote("bob", "payments-leads", REQUESTED.plusSeconds(60))).build(), LINKS));
        assertThat(mail.subject(), is("[critical-change-gate] Approval needed: change CHG-1 to payments"));
        String body = mail.body();
        assertThat(body, containsString("Gate page: https://ci.example.com/job/app/job/deploy/7/critical-change-gate/\n"));
        assertThat(body, containsString("System: payments\n"));
        assertThat(body, containsString("Change: CHG-1\n"));
        assertThat(body, containsString("Job: app/deploy #7\n"));
        assertThat(body, containsString("Started by: alice\n"));
        assertThat(body, containsString("Requirement: 2 approval(s) from: group payments-leads\n"));
        assertThat(body, containsString("Approvals needed: 2\n"));
        assertThat(body, containsString("Approvals so far: bob (through payments-leads) at 2026-01-01T10:01:00Z\n"));
        assertThat(body, containsString("Deadline: 2026-01-02T10:00:00Z\n"));
        assertThat(body, containsString("Documentation: https://wiki.example.com/CHG-1\n"));
        assertThat(body, not(containsString("Outcome:")));
    }

    @Test
    public void aDecidedGateSaysTheOutcomeAndWhoApproved() {
        DecidedGate decided = new DecidedGate(gate("CHG-2").build(), "APPROVED", REQUESTED.plusSeconds(600),
                List.of("bob", "carol"));
        MailMessage mail = MailMessage.of(NotificationPayload.decided(decided, LINKS));
        assertThat(mail.subject(), is("[critical-change-gate] Change CHG-2 to payments was APPROVED"));
        assertThat(mail.body(), containsString("Outcome: APPROVED\n"));
        assertThat(mail.body(), containsString("Approved by: bob, carol\n"));
        assertThat(mail.body(), containsString("Decided at: 2026-01-01T10:10:00Z\n"));
    }

    @Test
    public void aReminderSaysItExpiresSoon() {
        MailMessage mail = MailMessage.of(NotificationPayload.expiring(gate("CHG-3").build(), LINKS,
                Instant.parse("2026-01-02T09:30:00Z")));
        assertThat(mail.subject(), is("[critical-change-gate] Reminder: change CHG-3 to payments expires soon"));
        assertThat(mail.body(), containsString("expires in 30 min"));
        assertThat(mail.body(), containsString("Approvals so far: none\n"));
    }

    /** SMTP header injection (CWE-93): a change id with CR/LF must not end the Subject header nor add one. */
    @Test
    public void controlCharactersCannotAddHeadersOrLines() {
        MailMessage mail = MailMessage.of(NotificationPayload.opened(
                gate("CHG-4\r\nBcc: everyone@example.com\u2028X: y\u0000").startedBy("eve\nApproved by: ceo").build(),
                LINKS));
        assertThat(mail.subject(), is("[critical-change-gate] Approval needed: change CHG-4 Bcc:"
                + " everyone@example.com X: y to payments"));
        for (char c : mail.subject().toCharArray()) {
            assertThat("control character in the subject", Character.isISOControl(c), is(false));
        }
        assertThat(mail.body(), not(containsString("\r")));
        assertThat(mail.body(), not(containsString("\nBcc:")));
        assertThat(mail.body(), not(containsString("\nApproved by:")));
        assertThat(mail.body(), containsString("Started by: eve Approved by: ceo\n"));
    }

    @Test
    public void aLongSubjectIsCut() {
        MailMessage mail = MailMessage.of(NotificationPayload.opened(gate("X".repeat(500)).build(), LINKS));
        assertThat(mail.subject().length(), lessThanOrEqualTo(MailMessage.MAX_SUBJECT));
        assertThat(mail.subject().endsWith("..."), is(true));
    }

    @Test
    public void oneLineCollapsesBlanks() {
        assertThat(MailMessage.oneLine("  a\t\tb\r\n c\u00a0d  "), is("a b c d"));
    }
}
