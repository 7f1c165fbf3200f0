package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.ExpectedHead;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalSummary;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code audit}: verify and export the audit journal (docs/audit.md), list its emergency approvals. */
final class AuditCommand implements Command {
    static final String USAGE = String.join("\n",
            "usage: audit verify DIR [--key-file FILE | --key-env VAR] [--expect-head SEQ:HASH]",
            "       audit export DIR --format csv|json [--system ID] [--job NAME] [--user ID] [--change ID]",
            "                        [--type TYPE] [--gate JOB#BUILD] [--outcome OUTCOME]",
            "                        [--since ISO-8601] [--until ISO-8601]",
            "  verify  checks every record of the journal in DIR; exit 0 printing 'N records, head <hash>' and a",
            "          summary (files, first and last time, chain, head SEQ:HASH, tool version),",
            "          exit 1 printing the first broken record (file, line, seq) and why.",
            "          --key-file FILE: the journal's HMAC key, as Jenkins' 'Download verification key' gives it",
            "          --key-env VAR: the journal's HMAC key is the UTF-8 value of environment variable VAR",
            "          --expect-head SEQ:HASH: also fail (exit 1) unless record SEQ is still there with hash HASH",
            "          (the 'head:' line of an earlier verification)",
            "  export  writes the matching records to standard output as CSV (RFC 4180) or a JSON array;",
            "          ids (system, job, user, change) compare ignoring case; --type is a record type;",
            "          --gate JOB#BUILD the records of that build's gates; --outcome (APPROVED, REJECTED, EXPIRED,",
            "          ABORTED, DENIED, NOT_CRITICAL) every record of each gate that ended so;",
            "          --since is inclusive, --until exclusive (e.g. 2026-01-31T12:00:00Z, or 2026-01-31 for",
            "          midnight UTC). Export does not verify: run 'audit verify' for that.",
            AuditEmergencies.USAGE, AuditEmergencies.HELP, AuditReport.USAGE,

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
            throw new UsageException("'audit' needs 'verify', 'export', 'emergencies', 'pending' or 'report'", USAGE);
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
            case "emergencies":
                return AuditEmergencies.run(args.subList(1, args.size()), console);
            case "pending":
                return AuditPending.run(args.subList(1, args.size()), console);
            case "report":
                return AuditReport.run(args.subList(1, args.size()), console);
            default:
                throw new UsageException("unknown 'audit' command '" + ControlCharacters.escape(String.valueOf(args.get(0))) + "'", USAGE);
        }
    }

    private int verify(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of(JournalKeyOption.ENV, JournalKeyOption.FILE, "expect-head"),
                Set.of());
        Path dir = directory(parsed, console);
        byte[] key = JournalKeyOption.from(parsed, console).orElse(null);
        ExpectedHead expected = null;
        if (parsed.option("expect-head").isPresent()) {
            try {
                expected = ExpectedHead.parse(parsed.option("expect-head").get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--expect-head " + e.getMessage());
            }
        }
        VerificationResult result;
        try {
            result = expected == null ? JournalVerifier.verify(dir, key) : JournalVerifier.verify(dir, key, expected);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + ControlCharacters.escape(String.valueOf(dir))
                    + ": " + IoProblem.describe(e));
            return ExitCode.USAGE;
        }
        console.out().println(ControlCharacters.escape(result.toString())); // may quote a record
        if (result.summary().isPresent()) {
            printSummary(result.summary().get(), console);
        }
        for (String note : result.notes()) {
            console.err().println("note: " + ControlCharacters.escape(note));
        }
        return result.intact() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The lines an auditor cites: one fact each, {@code name: value}, stable for scripts (docs/audit.md). */
    private static void printSummary(JournalSummary summary, Console console) {
        // a loop, not a method reference: no lambda is spun up at run time on this path (issue 17: start-up)
        for (String line : summary.lines()) {
            console.out().println(line);
        }
        console.out().println("verified-by: critical-change-gate-tool " + ToolVersion.get());
    }

    private int export(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, ExportFilters.with("format"), Set.of());
        Path dir = directory(parsed, console);
        String format = parsed.required("format");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UsageException("--format must be csv or json, not '" + ControlCharacters.escape(String.valueOf(format)) + "'");
        }
        JournalQuery query = ExportFilters.query(parsed);
        try {
            // bytes straight to standard output: the export buffers them itself (and writes what it had on an error)
            if (format.equals("csv")) {
                query.exportCsv(dir, console.out());
            } else {
                query.exportJson(dir, console.out());
            }
            return ExitCode.OK;
        } catch (IOException e) {
            console.err().println("error: export stopped, its output is incomplete: "
                    + ControlCharacters.escape(String.valueOf(e.getMessage())));
            return ExitCode.FAILED;
        }
    }

    private static Path directory(Arguments parsed, Console console) throws UsageException {
        return JournalDirectory.existing(parsed, console);
    }

    /** An ISO-8601 instant, date-time with offset, or date (midnight UTC), as the export filters read one. */
    @CheckForNull
    static Instant time(String option, Optional<String> value) throws UsageException {
        try {
            return JournalFilters.instant(option, value.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
