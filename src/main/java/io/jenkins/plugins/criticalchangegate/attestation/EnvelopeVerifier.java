package io.jenkins.plugins.criticalchangegate.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Verifies an attestation as a deploy target does, with public keys alone: the DSSE signature (protocol v1, "To
 * verify": key ids only narrow the keys tried, a signature naming another key id is not tried with ours), the payload
 * type, the statement's {@code _type} and {@code predicateType}, and each condition asked for (a subject's SHA-256,
 * the system, the decision's age). It reports every check, so a refusal says exactly what failed. The statement is
 * read from the payload bytes the signature covers.
 */
public final class EnvelopeVerifier {
    /** How far in the future a decision time may be (the signer's clock ahead of ours) before it is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final List<VerificationKey> keys;
    @CheckForNull
    private final String subjectSha256;
    @CheckForNull
    private final String system;
    @CheckForNull
    private final Duration maxAge;
    private final Instant now;

    private EnvelopeVerifier(Builder b) {
        this.keys = List.copyOf(b.keys);
        this.subjectSha256 = b.subjectSha256;
        this.system = b.system;
        this.maxAge = b.maxAge;
        this.now = b.now;
    }

    /**
     * A verifier trusting the given keys.
     *
     * @param keys the public keys, at least one
     */
    public static Builder trusting(List<VerificationKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one public key");
        }
        return new Builder(keys);
    }

    /** The conditions a verifier checks besides the signature and the types. */
    public static final class Builder {
        private final List<VerificationKey> keys;
        @CheckForNull
        private String subjectSha256;
        @CheckForNull
        private String system;
        @CheckForNull
        private Duration maxAge;
        private Instant now = Instant.now();

        private Builder(List<VerificationKey> keys) {
            this.keys = List.copyOf(keys);
        }

        /** Requires a subject with this SHA-256 (64 hex digits, either case). */
        public Builder subjectSha256(String hex) {
            this.subjectSha256 = Subject.sha256("subject", hex).digest().get(Subject.SHA256);
            return this;
        }

        /** Requires the gate to be for this system (compared as the registry compares ids, ignoring case). */
        public Builder system(String id) {
            this.system = SystemId.of("system", id).value();
            return this;
        }

        /** Requires the decision to be at most this old. */
        public Builder maxAge(Duration age) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("a maximum age must not be negative: " + age);
            }
            this.maxAge = age;
            return this;
        }

        /** The time ages are measured to (default: now). */
        public Builder now(Instant instant) {
            this.now = Objects.requireNonNull(instant);
            return this;
        }

        public EnvelopeVerifier build() {
            return new EnvelopeVerifier(this);
        }
    }

    /** Verifies an envelope's JSON. */
    public VerificationReport verify(byte[] envelopeJson) {
        try {
            return verify(Envelope.parse(envelopeJson));
        } catch (AttestationException e) {
            return new VerificationReport(List.of(new CheckResult(Check.ENVELOPE, false, e.getMessage())), null);
        }
    }

    /** Verifies an envelope. */
    public VerificationReport verify(Envelope envelope) {
        List<CheckResult> results = new ArrayList<>();
        results.add(new CheckResult(Check.ENVELOPE, true, "a DSSE envelope with " + envelope.signatures().size()
                + " signature(s)"));
        results.add(signature(envelope));
        boolean inToto = envelope.payloadType().equals(Envelope.IN_TOTO_PAYLOAD_TYPE);
        results.add(new CheckResult(Check.PAYLOAD_TYPE, inToto, inToto ? envelope.payloadType()
                : "'" + envelope.payloadType() + "' is not " + Envelope.IN_TOTO_PAYLOAD_TYPE));
        Statement statement;
        try {
            statement = Statement.parse(envelope.payload());
        } catch (AttestationException e) {
            results.add(new CheckResult(Check.STATEMENT_TYPE, false, e.getMessage()));
            addUnchecked(results, "no statement to read it from");
            return new VerificationReport(results, null);
        }
        boolean statementType = statement.type().equals(Statement.TYPE);
        results.add(new CheckResult(Check.STATEMENT_TYPE, statementType, statementType ? Statement.TYPE
                : "'" + statement.type() + "' is not " + Statement.TYPE));
        boolean predicateType = statement.predicateType().equals(ApprovalPredicate.TYPE);
        results.add(new CheckResult(Check.PREDICATE_TYPE, predicateType, predicateType ? ApprovalPredicate.TYPE
                : "'" + statement.predicateType() + "' is not " + ApprovalPredicate.TYPE));
        if (subjectSha256 != null) {
            results.add(subject(statement, subjectSha256));
        }
        if (system != null) {
            results.add(system(statement, system));
        }
        if (maxAge != null) {
            results.add(age(statement, maxAge));
        }
        return new VerificationReport(results, statement);
    }

    private void addUnchecked(List<CheckResult> results, String why) {
        results.add(new CheckResult(Check.PREDICATE_TYPE, false, why));
        if (subjectSha256 != null) {
            results.add(new CheckResult(Check.SUBJECT, false, why));
        }
        if (system != null) {
            results.add(new CheckResult(Check.SYSTEM, false, why));
        }
        if (maxAge != null) {
            results.add(new CheckResult(Check.MAX_AGE, false, why));
        }
    }

    private CheckResult signature(Envelope envelope) {
        if (envelope.signatures().isEmpty()) {
            return new CheckResult(Check.SIGNATURE, false, "the envelope has no signatures");
        }
        byte[] pae = Pae.encode(envelope.payloadType(), envelope.payload());
        StringJoiner tried = new StringJoiner("; ");
        int n = 0;
        for (Envelope.Signature signature : envelope.signatures()) {
            n++;
            boolean anyKeyTried = false;
            for (VerificationKey key : keys) {
                if (!signature.keyId().isEmpty() && !signature.keyId().equals(key.keyId())) {
                    continue;
                }
                anyKeyTried = true;
                if (key.verifies(pae, signature.sig())) {
                    return new CheckResult(Check.SIGNATURE, true, "Ed25519 signature " + n + " by key "
                            + key.keyId());
                }
            }
            tried.add("signature " + n + (anyKeyTried ? " does not verify with " + keyNames()
                    : " names key id '" + signature.keyId() + "', not " + keyNames()));
        }
        return new CheckResult(Check.SIGNATURE, false, "no signature verifies: " + tried);
    }

    private String keyNames() {
        StringJoiner names = new StringJoiner(", ", keys.size() == 1 ? "key " : "any of the keys ", "");
        for (VerificationKey key : keys) {
            names.add(key.keyId());
        }
        return names.toString();
    }

    private static CheckResult subject(Statement statement, String subjectSha256) {
        for (Subject s : statement.subjects()) {
            String digest = s.digest().get(Subject.SHA256);
            if (digest != null && digest.toLowerCase(Locale.ROOT).equals(subjectSha256)) {
                return new CheckResult(Check.SUBJECT, true, "'" + s.name() + "' has sha256 " + subjectSha256);
            }
        }
        StringJoiner names = new StringJoiner(", ");
        for (Subject s : statement.subjects()) {
            names.add(s.toString());
        }
        return new CheckResult(Check.SUBJECT, false, "no subject has sha256 " + subjectSha256 + " (subjects: "
                + names + ")");
    }

    private static CheckResult system(Statement statement, String system) {
        String attested = statement.predicateText(ApprovalPredicate.SYSTEM);
        if (attested == null) {
            return new CheckResult(Check.SYSTEM, false, "the predicate names no system");
        }
        boolean same = attested.strip().toLowerCase(Locale.ROOT).equals(system.toLowerCase(Locale.ROOT));
        return new CheckResult(Check.SYSTEM, same, same ? "approved for " + attested
                : "approved for '" + attested + "', not '" + system + "'");
    }

    private CheckResult age(Statement statement, Duration maxAge) {
        String text = statement.predicateText(ApprovalPredicate.DECIDED_AT);
        if (text == null) {
            return new CheckResult(Check.MAX_AGE, false, "the predicate has no " + ApprovalPredicate.DECIDED_AT);
        }
        Instant decidedAt;
        try {
            decidedAt = Instant.parse(text);
        } catch (DateTimeParseException e) {
            return new CheckResult(Check.MAX_AGE, false, "the predicate's " + ApprovalPredicate.DECIDED_AT + " '"
                    + text + "' is not an ISO-8601 instant");
        }
        if (decidedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return new CheckResult(Check.MAX_AGE, false, "decided at " + decidedAt + ", in the future (now " + now
                    + ")");
        }
        Duration age = Duration.between(decidedAt, now);
        Duration shown = age.withNanos(0); // whole seconds read better; the comparison uses the exact age
        boolean young = age.compareTo(maxAge) <= 0;
        return new CheckResult(Check.MAX_AGE, young, "decided at " + decidedAt + ", " + (age.isNegative()
                ? "just now" : shown + " ago") + (young ? ", within " : ", older than ") + maxAge);
    }
}
