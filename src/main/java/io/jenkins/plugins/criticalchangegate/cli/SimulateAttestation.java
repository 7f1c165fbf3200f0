package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.attestation.ApprovalAttestation;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationException;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationRecord;
import io.jenkins.plugins.criticalchangegate.attestation.Attestor;
import io.jenkins.plugins.criticalchangegate.attestation.Envelope;
import io.jenkins.plugins.criticalchangegate.attestation.JournalPosition;
import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import io.jenkins.plugins.criticalchangegate.attestation.Subject;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code simulate ... --attest-key FILE --attest-out FILE [--subject-sha256 NAME=HEX]...}: the attestation a
 * simulated APPROVED gate would get, signed with a key from {@code attest keygen}, so the whole chain can be tried
 * without Jenkins (issue 15). Kept apart from {@link SimulateCommand}, as {@link TimeRulesJson} is.
 */
final class SimulateAttestation {
    static final String KEY = "attest-key";
    static final String OUT = "attest-out";
    static final String SUBJECT = "subject-sha256";
    static final Set<String> OPTIONS = Set.of(KEY, OUT, SUBJECT);
    static final String USAGE = " [--attest-key FILE --attest-out FILE [--subject-sha256 NAME=HEX]...]";
    static final String HELP = "--attest-key FILE (PKCS#8 PEM, as 'attest keygen' writes it) and --attest-out FILE\n"
            + "sign the attestation of an APPROVED gate (docs/attestation.md) and write its DSSE envelope to FILE\n"
            + "(one JSON object on one line); the subjects are each --subject-sha256 NAME=HEX, else the commits the\n"
            + "--commit-message files name by their full hash (gitCommit). A gate not APPROVED writes nothing and\n"
            + "says so on stderr. With --journal, the envelope's digest is journaled too (ATTESTED).";

    private final SigningKey key;
    private final Path out;
    private final List<Subject> subjects;
    private final String registryVersion;

    private SimulateAttestation(SigningKey key, Path out, List<Subject> subjects, String registryVersion) {
        this.key = key;
        this.out = out;
        this.subjects = List.copyOf(subjects);
        this.registryVersion = registryVersion;
    }

    /**
     * The attestation options given, read and checked before the gate is simulated: a bad key or subject is a usage
     * error, not a gate that decided and then could not be attested.
     *
     * @param registry the registry file, whose SHA-256 is the attested registry version
     */
    static Optional<SimulateAttestation> from(Arguments arguments, List<CommitMessage> commits, Path registry,
            Console console) throws UsageException {
        Optional<String> keyFile = arguments.option(KEY);
        Optional<String> outFile = arguments.option(OUT);
        if (keyFile.isEmpty() && outFile.isEmpty()) {
            if (!arguments.all(SUBJECT).isEmpty()) {
                throw new UsageException("--subject-sha256 goes with --attest-key and --attest-out");
            }
            return Optional.empty();
        }
        if (keyFile.isEmpty() || outFile.isEmpty()) {
            throw new UsageException("--attest-key and --attest-out go together");
        }
        Path keyPath = console.resolve(keyFile.get());
        SigningKey key;
        try {
            key = SigningKey.parse(AttestCommand.read(keyPath, 64 * 1024), keyPath.toString());
        } catch (AttestationException e) {
            throw new UsageException("--attest-key: " + e.getMessage());
        }
        List<Subject> subjects = new ArrayList<>();
        for (String spec : arguments.all(SUBJECT)) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new UsageException("--subject-sha256 needs NAME=HEX, e.g. app.jar=<64 hex digits>; got '" + ControlCharacters.escape(String.valueOf(spec))
                        + "'");
            }
            try {
                subjects.add(Subject.sha256(spec.substring(0, eq), spec.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--subject-sha256: " + e.getMessage());
            }
        }
        if (subjects.isEmpty()) {
            for (CommitMessage commit : commits) {
                try {
                    subjects.add(Subject.gitCommit(commit.id()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--commit-message for '" + commit.id() + "': " + e.getMessage()
                            + " (or give --subject-sha256 NAME=HEX)");
                }
            }
        }
        if (subjects.isEmpty()) {
            throw new UsageException("an attestation needs a subject: --subject-sha256 NAME=HEX (repeatable), or"
                    + " --commit-message files that name their commit by its full hash");
        }
        return Optional.of(new SimulateAttestation(key, console.resolve(outFile.get()), subjects,
                AttestCommand.sha256(registry)));
    }

    /**
     * Signs and writes the envelope of an approved gate; for any other outcome writes nothing and says so.
     *
     * @param journaled the records the simulation appended to a journal (empty without {@code --journal}): the
     *     predicate names the DECIDED one
     * @return the envelope written, or empty (not approved, or the file could not be written: said on stderr)
     */
    Optional<Envelope> write(Simulation.Result result, List<JournalRecord> journaled, Console console) {
        Optional<GateState> state = result.state();
        if (state.isEmpty() || state.get().outcome() != Outcome.APPROVED) {
            console.err().println("attestation: nothing written to " + ControlCharacters.escape(out.toString())
                    + ": the gate is " + result.verdict()
                    + "; only an APPROVED gate is attested");
            return Optional.empty();
        }
        Envelope envelope = new Attestor(key).sign(ApprovalAttestation.of(state.get(), null, registryVersion, null,
                decision(journaled), subjects, state.get().decision().orElseThrow().at()));
        try {
            Files.write(out, (envelope.toJsonText() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            console.err().println("error: cannot write the attestation to " + ControlCharacters.escape(out.toString())
                    + ": " + IoProblem.describe(e));
            return Optional.empty();
        }
        console.err().println("attestation: wrote " + ControlCharacters.escape(out.toString()) + " ("
                + subjects.size() + " subject(s), key "
                + key.keyId() + ")");
        return Optional.of(envelope);
    }

    /** The journal's record of the envelope, for {@code --journal}. */
    AuditEvent record(Envelope envelope, String system, @CheckForNull String job, String change) {
        return AttestationRecord.attested(job == null ? "simulate" : job, 0, system, change, envelope,
                key.keyId());
    }

    @CheckForNull
    private static JournalPosition decision(List<JournalRecord> journaled) {
        for (JournalRecord r : journaled) {
            if (r.type() == AuditEventType.DECIDED) {
                return JournalPosition.of(r);
            }
        }
        return null;
    }
}
