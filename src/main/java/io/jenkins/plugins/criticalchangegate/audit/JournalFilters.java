package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The record filters by name ({@code system}, {@code job}, {@code user}, {@code change}, {@code type}, {@code gate},
 * {@code outcome}, {@code since}, {@code until}; docs/audit.md, "Exporting"), read into a {@link JournalQuery}: the one
 * place where {@code audit export}/{@code audit report} and the audit page in Jenkins turn what a person typed into a
 * query, so they accept, refuse and explain exactly the same values (issue 17). Every message names the filter as the
 * tool spells it ({@code --outcome 'x' is not the outcome of a gate; did you mean 'APPROVED'?}).
 */
public final class JournalFilters {
    /** The filters' names, in the order the usage text and the page list them. */
    public static final List<String> NAMES = List.of("system", "job", "user", "change", "type", "gate", "outcome",
            "since", "until");

    private JournalFilters() {
    }

    /**
     * The query the given filters describe.
     *
     * @param values filter name to the value given; a filter not in the map is not set. Names outside
     *     {@link #NAMES} are not looked at (a caller's other options)
     * @throws IllegalArgumentException naming the filter, for an empty value, an unknown type or outcome (with "did you
     *     mean"), a gate that is not {@code JOB#BUILD}, a time that is not ISO-8601, or {@code since} not before
     *     {@code until}
     */
    public static JournalQuery query(Map<String, String> values) {
        return builder(values).build();
    }

    /** As {@link #query}, for a caller that adds more to the query (the live journal's last record). */
    public static JournalQuery.Builder builder(Map<String, String> values) {
        return JournalQuery.builder()
                .system(values.get("system"))
                .job(values.get("job"))
                .user(values.get("user"))
                .outcome(values.get("outcome"))
                .change(values.get("change"))
                .type(values.get("type"))
                .gate(values.get("gate"))
                .since(instant("since", values.get("since")))
                .until(instant("until", values.get("until")));
    }

    /**
     * The filters of a web form: a field left empty is a filter not set (a form sends every field), other values as
     * given.
     *
     * @param parameter a request parameter by name, null when absent
     */
    public static Map<String, String> fromForm(UnaryOperator<String> parameter) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = parameter.apply(name);
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** The filters as given, {@code --system checkout-service --since 2026-01-01}, for a reader of the output. */
    public static String describe(Map<String, String> values) {
        StringBuilder s = new StringBuilder();
        for (String name : NAMES) {
            String value = values.get(name);
            if (value != null) {
                s.append(s.length() == 0 ? "" : " ").append("--").append(name).append(' ').append(value);
            }
        }
        return s.toString();
    }

    /**
     * An ISO-8601 instant, date-time with offset, or date (midnight UTC).
     *
     * @param option the filter's name, for the message
     * @return null for null
     * @throws IllegalArgumentException naming the option and the forms it takes
     */
    @CheckForNull
    public static Instant instant(String option, @CheckForNull String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + option + " '" + ControlCharacters.escape(text) + "' is not an"
                    + " ISO-8601 time (e.g. 2026-01-31T12:00:00Z, 2026-01-31T13:00:00+01:00 or 2026-01-31)");
        }
    }
}
