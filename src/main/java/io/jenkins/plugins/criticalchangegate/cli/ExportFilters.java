package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record filters of {@code audit export}, shared with {@code audit report} so both select the same records the
 * same way (docs/audit.md, "Exporting").
 */
final class ExportFilters {
    static final List<String> NAMES = List.of("system", "job", "user", "change", "type", "gate", "outcome", "since",
            "until");

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
            return JournalQuery.builder()
                    .system(parsed.option("system").orElse(null))
                    .job(parsed.option("job").orElse(null))
                    .user(parsed.option("user").orElse(null))
                    .outcome(parsed.option("outcome").orElse(null))
                    .change(parsed.option("change").orElse(null))
                    .type(parsed.option("type").orElse(null))
                    .gate(parsed.option("gate").orElse(null))
                    .since(AuditCommand.time("since", parsed.option("since")))
                    .until(AuditCommand.time("until", parsed.option("until")))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The filters as given, {@code --system checkout-service --since 2026-01-01}, for a reader of the output. */
    static String describe(Arguments parsed) throws UsageException {
        StringBuilder s = new StringBuilder();
        for (String name : NAMES) {
            Optional<String> value = parsed.option(name);
            if (value.isPresent()) {
                s.append(s.length() == 0 ? "" : " ").append("--").append(name).append(' ').append(value.get());
            }
        }
        return s.toString();
    }
}
