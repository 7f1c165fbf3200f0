package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code audit}: verify and export the audit journal (docs/audit.md). */
final class AuditCommand implements Command {
    static final String USAGE = String.join("\n",
            "usage: audit verify DIR [--key-file FILE | --key-env VAR]",
            "       audit export DIR --format csv|json [--system ID] [--job NAME] [--user ID] [--outcome OUTCOME]",
            "                        [--since ISO-8601] [--until ISO-8601]",
            "  verify  checks every record of the journal in DIR; exit 0 printing 'N records, head <hash>',",
            "          exit 1 printing the first broken record (file, line, seq) and why.",
            "          --key-file FILE: the journal's HMAC key, as Jenkins' 'Download verification key' gives it",
            "          --key-env VAR: the journal's HMAC key is the UTF-8 value of environment variable VAR",
            "  export  writes the matching records to standard output as CSV (RFC 4180) or a JSON array;",
            "          --since is inclusive, --until exclusive (e.g. 2026-01-31T12:00:00Z, or 2026-01-31 for",
            "          midnight UTC). Export does not verify: run 'audit verify' for that.",
            "       audit pending DIR [--registry FILE --user ID [--groups G,...]]",
            "  pending prints the gates requested and not decided as a JSON array; with --user, only those the",
            "          user (in the groups given) may approve now, by the registry in FILE (docs/usage.md).");

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "verify and export the audit journal";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("'audit' needs 'verify', 'export' or 'pending'\n" + USAGE);
        }
        if (args.contains("--help") || args.contains("-h")) {
            console.out().println(USAGE);
            return ExitCode.OK;
        }
        switch (args.get(0)) {
            case "verify":
                return verify(args.subList(1, args.size()), console);
            case "export":
                return export(args.subList(1, args.size()), console);
            case "pending":
                return AuditPending.run(args.subList(1, args.size()), console);
            default:
                throw new UsageException("unknown 'audit' command '" + args.get(0) + "'\n" + USAGE);
        }
    }

    private int verify(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of(JournalKeyOption.ENV, JournalKeyOption.FILE), Set.of());
        Path dir = directory(parsed, console);
        byte[] key = JournalKeyOption.from(parsed, console).orElse(null);
        VerificationResult result;
        try {
            result = JournalVerifier.verify(dir, key);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + dir + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        console.out().println(result);
        for (String note : result.notes()) {
            console.err().println("note: " + note);
        }
        return result.intact() ? ExitCode.OK : ExitCode.FAILED;
    }

    private int export(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args,
                Set.of("format", "system", "job", "user", "outcome", "since", "until"), Set.of());
        Path dir = directory(parsed, console);
        String format = parsed.required("format");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UsageException("--format must be csv or json, not '" + format + "'");
        }
        JournalQuery query;
        try {
            query = JournalQuery.builder()
                    .system(parsed.option("system").orElse(null))
                    .job(parsed.option("job").orElse(null))
                    .user(parsed.option("user").orElse(null))
                    .outcome(parsed.option("outcome").orElse(null))
                    .since(time("since", parsed.option("since")))
                    .until(time("until", parsed.option("until")))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Writer out = new OutputStreamWriter(console.out(), StandardCharsets.UTF_8);
        try {
            if (format.equals("csv")) {
                query.exportCsv(dir, out);
            } else {
                query.exportJson(dir, out);
            }
            return ExitCode.OK;
        } catch (IOException e) {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the error below is what matters
            }
            console.err().println("error: export stopped, its output is incomplete: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static Path directory(Arguments parsed, Console console) throws UsageException {
        if (parsed.positional().size() != 1) {
            throw new UsageException("give exactly one journal directory, not " + parsed.positional());
        }
        Path dir = console.resolve(parsed.positional().get(0));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("journal directory " + dir + " does not exist or is not a directory");
        }
        return dir;
    }

    /** An ISO-8601 instant, date-time with offset, or date (midnight UTC). */
    @CheckForNull
    static Instant time(String option, Optional<String> value) throws UsageException {
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get();
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
            throw new UsageException("--" + option + " '" + text + "' is not an ISO-8601 time (e.g."
                    + " 2026-01-31T12:00:00Z, 2026-01-31T13:00:00+01:00 or 2026-01-31)");
        }
    }
}
