package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.attestation.ApprovalPredicate;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationException;
import io.jenkins.plugins.criticalchangegate.attestation.CheckResult;
import io.jenkins.plugins.criticalchangegate.attestation.EnvelopeVerifier;
import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import io.jenkins.plugins.criticalchangegate.attestation.Statement;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationKey;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code attest}: verify a signed approval attestation, and make a key pair to sign them (docs/attestation.md). */
final class AttestCommand implements Command {
    static final String USAGE = String.join("\n",
            "usage: attest verify ENVELOPE --public-key FILE [--subject-file PATH | --subject-sha256 HEX]",
            "                     [--system ID] [--max-age DURATION]",
            "       attest keygen DIR",
            "  verify  checks a DSSE envelope (one JSON object, or the first line of a .intoto.jsonl file): an",
            "          Ed25519 signature by a key in FILE (PEM SubjectPublicKeyInfo; every key of a listing is",
            "          tried), payloadType application/vnd.in-toto+json, _type https://in-toto.io/Statement/v1,",
            "          predicateType " + ApprovalPredicate.TYPE + ",",
            "          and each condition given: a subject with the SHA-256 of PATH (or HEX), the system ID, a",
            "          decision at most DURATION old (90s, 15m, 24h, 7d or ISO-8601 such as PT36H).",
            "          Prints each check; exit 0 only when all hold, 1 naming each failed check, 2 for bad",
            "          arguments or an unreadable file.",
            "  keygen  writes DIR/attestation.key (PKCS#8 PEM, owner-only rw-------) and DIR/attestation.pub",
            "          (SubjectPublicKeyInfo PEM) and prints the key id; refuses to overwrite either file.");

    /** An envelope larger than this is not an attestation of ours (they are a few kilobytes): refused unread. */
    static final long MAX_ENVELOPE_BYTES = 16L * 1024 * 1024;
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})([smhd])");

    @Override
    public String name() {
        return "attest";
    }

    @Override
    public String summary() {
        return "verify signed approval attestations, make their keys";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("'attest' needs 'verify' or 'keygen'", USAGE);
        }
        if (args.contains("--help") || args.contains("-h")) {
            console.out().println(USAGE);
            return ExitCode.OK;
        }
        switch (args.get(0)) {
            case "verify":
                return verify(args.subList(1, args.size()), console);
            case "keygen":
                return keygen(args.subList(1, args.size()), console);
            default:
                throw new UsageException("unknown 'attest' command '" + ControlCharacters.escape(String.valueOf(args.get(0))) + "'", USAGE);
        }
    }

    private int verify(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args,
                Set.of("public-key", "subject-file", "subject-sha256", "system", "max-age"), Set.of());
        if (parsed.positional().size() != 1) {
            throw new UsageException("'attest verify' needs one ENVELOPE file, got " + parsed.positional().size());
        }
        // the arguments first, the files after: a mistyped option is named before any file is read
        java.util.Optional<Duration> maxAge = parsed.option("max-age").isPresent()
                ? java.util.Optional.of(duration(parsed.option("max-age").get())) : java.util.Optional.empty();
        Path envelopeFile = console.resolve(parsed.positional().get(0));
        Path keyFile = console.resolve(parsed.required("public-key"));
        List<VerificationKey> keys;
        try {
            keys = VerificationKey.parseAll(read(keyFile, 1024 * 1024), keyFile.toString());
        } catch (AttestationException e) {
            throw new UsageException("the public key: " + e.getMessage());
        }
        EnvelopeVerifier.Builder verifier = EnvelopeVerifier.trusting(keys);
        if (parsed.option("subject-file").isPresent() && parsed.option("subject-sha256").isPresent()) {
            throw new UsageException("give --subject-file or --subject-sha256, not both");
        }
        if (parsed.option("subject-file").isPresent()) {
            verifier.subjectSha256(sha256(console.resolve(parsed.option("subject-file").get())));
        }
        if (parsed.option("subject-sha256").isPresent()) {
            try {
                verifier.subjectSha256(parsed.option("subject-sha256").get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--subject-sha256: " + e.getMessage());
            }
        }
        if (parsed.option("system").isPresent()) {
            try {
                verifier.system(parsed.option("system").get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--system: " + e.getMessage());
            }
        }
        maxAge.ifPresent(verifier::maxAge);
        VerificationReport report = verifier.build().verify(firstLine(envelopeFile));
        for (CheckResult result : report.results()) {
            console.out().println(ControlCharacters.escape(result.toString())); // quotes the envelope
        }
        if (report.verified()) {
            Statement statement = report.statement().orElseThrow();
            StringJoiner subjects = new StringJoiner(", ");
            statement.subjects().forEach(s -> subjects.add(s.name()));
            // every part comes from the envelope, a file anyone could have written
            console.out().println(ControlCharacters.escape("verified: " + subjects + " approved for "
                    + statement.predicate().get("system") + " (change " + statement.predicate().get("changeId")
                    + ") at " + statement.predicate().get("decidedAt")));
            return ExitCode.OK;
        }
        StringJoiner failed = new StringJoiner(", ");
        report.failures().forEach(f -> failed.add(f.check().label()));
        console.err().println("not verified: " + report.failures().size() + " check(s) failed: " + failed);
        return ExitCode.FAILED;
    }

    private int keygen(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of(), Set.of());
        if (parsed.positional().size() != 1) {
            throw new UsageException("'attest keygen' needs one DIR, got " + parsed.positional().size());
        }
        Path dir = console.resolve(parsed.positional().get(0));
        try {
            KeyFiles written = KeyFiles.write(dir, SigningKey.generate());
            console.out().println("key id " + written.keyId);
            console.out().println("private key " + ControlCharacters.escape(written.privateKey.toString())
                    + " (keep it secret: owner-only)");
            console.out().println("public key  " + ControlCharacters.escape(written.publicKey.toString())
                    + " (give it to verifiers)");
            return ExitCode.OK;
        } catch (IOException e) {
            console.err().println("error: " + ControlCharacters.escape(String.valueOf(e.getMessage())));
            return ExitCode.FAILED;
        }
    }

    /**
     * The envelope: the whole file when it is one JSON object, or its first line, so that an archived
     * {@code critical-change-approval.intoto.jsonl} is verified as it is.
     */
    private static byte[] firstLine(Path file) throws UsageException {
        String text = read(file, MAX_ENVELOPE_BYTES).strip();
        int eol = text.indexOf('\n');
        return (eol < 0 || text.substring(eol).isBlank() ? text : text.substring(0, eol))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String read(Path file, long limit) throws UsageException {
        try {
            if (Files.size(file) > limit) {
                throw new UsageException(file + " is larger than " + limit + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(String.valueOf(file)) + ": " + e);
        }
    }

    /** The lowercase hex SHA-256 of a file's bytes, streamed. */
    static String sha256(Path file) throws UsageException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UsageException("cannot read the subject file " + ControlCharacters.escape(String.valueOf(file)) + ": " + e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT36H}). */
    static Duration duration(String text) throws UsageException {
        Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative()) {
                throw new UsageException("--max-age must not be negative: '" + ControlCharacters.escape(String.valueOf(text)) + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException("--max-age needs a duration such as 90s, 15m, 24h, 7d or PT36H; got '" + ControlCharacters.escape(String.valueOf(text))
                    + "'");
        }
    }
}
