package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values an export filter takes, checked before any record is read (issue 17): an unknown {@code --type} or
 * {@code --outcome} is an error that says what was meant, rather than an export that silently finds nothing. Ids
 * compare ignoring case, as the registry and the gate compare them.
 */
final class QueryValues {
    /** The outcomes a gate ends with, as its DECIDED (or NOT_CRITICAL) record names them. */
    static final List<String> GATE_OUTCOMES = List.of("APPROVED", "REJECTED", "EXPIRED", "ABORTED", "DENIED",
            "NOT_CRITICAL");
    private static final Pattern GATE = Pattern.compile("(.+)#(0|[1-9][0-9]{0,17})");

    private QueryValues() {
    }

    /** An id as it is compared: without surrounding blanks, in lower case. */
    static String id(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** A filter's text value: given, and not blank. */
    @CheckForNull
    static String text(String option, @CheckForNull String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(option + " is empty: give a value, or leave the filter out");
        }
        return value == null ? null : id(value);
    }

    /** A record type, ignoring case. */
    @CheckForNull
    static AuditEventType type(@CheckForNull String value) {
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (AuditEventType t : AuditEventType.values()) {
            if (t.name().equalsIgnoreCase(value.strip())) {
                return t;
            }
            names.add(t.name());
        }
        throw new IllegalArgumentException("--type '" + value + "' is not a record type" + didYouMean(value, names));
    }

    /** A gate outcome, ignoring case; in upper case, as records write it. */
    @CheckForNull
    static String outcome(@CheckForNull String value) {
        if (value == null) {
            return null;
        }
        for (String o : GATE_OUTCOMES) {
            if (o.equalsIgnoreCase(value.strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("--outcome '" + value + "' is not the outcome of a gate"
                + didYouMean(value, GATE_OUTCOMES));
    }

    /** {@code JOB#BUILD}: the job's full name (compared ignoring case) and the build number. */
    @CheckForNull
    static String[] gate(@CheckForNull String value) {
        if (value == null) {
            return null;
        }
        Matcher m = GATE.matcher(value.strip());
        if (!m.matches() || m.group(1).isBlank()) {
            throw new IllegalArgumentException("--gate '" + value + "' is not JOB#BUILD (the job's full name, '#'"
                    + " and the build number, e.g. platform/deploy-payments#412)");
        }
        return new String[] {id(m.group(1)), m.group(2)};
    }

    /** {@code ; did you mean 'X'?} for the nearest of the names within three edits, else the names there are. */
    static String didYouMean(String given, List<String> names) {
        String best = null;
        int bestDistance = 4;
        for (String name : names) {
            int d = distance(given.strip().toUpperCase(Locale.ROOT), name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null ? "; did you mean '" + best + "'?" : "; it is one of " + String.join(", ", names);
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
