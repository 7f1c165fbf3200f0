package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record filters of {@code audit export}, shared with {@code audit report} so both select the same records the
 * same way (docs/audit.md, "Exporting"). What a value means and which values are refused is {@link JournalFilters}'s
 * to say, which the audit page in Jenkins uses too: here only the options are turned into its name-to-value map.
 */
final class ExportFilters {
    static final List<String> NAMES = JournalFilters.NAMES;

    private ExportFilters() {
    }

    /** The filter options plus a command's own. */
    static Set<String> with(String... own) {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }

    /** The query the filters given describe; a bad value is a usage error that names the option. */
    static JournalQuery query(Arguments parsed) throws UsageException {
        try {
            return JournalFilters.query(given(parsed));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The filters as given, {@code --system checkout-service --since 2026-01-01}, for a reader of the output. */
    static String describe(Arguments parsed) throws UsageException {
        return JournalFilters.describe(given(parsed));
    }

    private static Map<String, String> given(Arguments parsed) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            Optional<String> value = parsed.option(name);
            if (value.isPresent()) {
                values.put(name, value.get());
            }
        }
        return values;
    }
}
