package io.jenkins.plugins.criticalchangegate.attestation;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The journal's record of a signed attestation ({@link AuditEventType#ATTESTED}): the journal keeps the envelope's
 * digest, so an envelope found later can be matched to the decision it claims, and one that was never issued stands
 * out.
 */
public final class AttestationRecord {
    private AttestationRecord() {
    }

    /**
     * The event to append once the envelope is signed.
     *
     * @param job the job's full name ({@code simulate} for the tool)
     * @param build the build number
     * @param system the system's id
     * @param changeId the change id
     * @param envelope the signed envelope
     * @param keyId the signing key's id
     */
    public static AuditEvent attested(String job, long build, String system, String changeId, Envelope envelope,
            String keyId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", Objects.requireNonNull(job, "job"));
        fields.put("build", build);
        fields.put("system", Objects.requireNonNull(system, "system"));
        fields.put("changeId", Objects.requireNonNull(changeId, "changeId"));
        fields.put("envelopeSha256", envelopeSha256(envelope));
        fields.put("keyId", Objects.requireNonNull(keyId, "keyId"));
        List<Object> subjects = new ArrayList<>();
        try {
            for (Subject s : Statement.parse(envelope.payload()).subjects()) {
                Map<String, Object> subject = new LinkedHashMap<>();
                subject.put("name", s.name());
                subject.putAll(s.digest());
                subjects.add(subject);
            }
        } catch (AttestationException e) {
            throw new IllegalArgumentException("the envelope does not hold a statement: " + e.getMessage(), e);
        }
        fields.put("subjects", subjects);
        fields.put("predicateType", ApprovalPredicate.TYPE);
        return AuditEvent.of(AuditEventType.ATTESTED, fields);
    }

    /**
     * The event to append when the signing key is rotated, before the new key is stored (no record, no rotation).
     *
     * @param user who rotated it
     * @param oldKeyId the key that signed until now (it stays listed, retired)
     * @param newKeyId the key that signs from now on
     */
    public static AuditEvent keyRotated(String user, String oldKeyId, String newKeyId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", Objects.requireNonNull(user, "user"));
        fields.put("oldKeyId", Objects.requireNonNull(oldKeyId, "oldKeyId"));
        fields.put("newKeyId", Objects.requireNonNull(newKeyId, "newKeyId"));
        return AuditEvent.of(AuditEventType.ATTESTATION_KEY_ROTATED, fields);
    }

    /** The SHA-256 of the envelope's JSON line as archived ({@link Envelope#toJson()}, without the line break). */
    public static String envelopeSha256(Envelope envelope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(envelope.toJson()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
