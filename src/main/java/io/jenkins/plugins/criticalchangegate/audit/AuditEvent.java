package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One thing that happened at a gate, before the journal gives it a sequence number, a time and its place in the
 * chain. Immutable; the values are deep-copied and checked against the canonical encoding ({@link CanonicalJson}) when
 * the event is made, so a bad value fails at the caller, not in the journal's writer.
 *
 * <p>Every gate event names the gate by {@code job}, {@code build}, {@code system} and {@code changeId}, so a query by
 * system or job finds all of a gate's records. {@code user} is always the person who acted in that event: who started
 * the build, who approved, who was refused, who rejected.
 */
public final class AuditEvent {
    /** Names the journal itself writes into every record; an event may not use them. */
    static final Set<String> RESERVED = Set.of("seq", "time", "type", "prev", "hash");
    /** The largest encoded fields of an event: a record line, less room for what the journal adds to them. */
    static final int MAX_FIELDS_BYTES = AuditJournal.MAX_RECORD_BYTES - 512;

    private final AuditEventType type;
    private final Map<String, Object> fields;

    private AuditEvent(AuditEventType type, Map<String, Object> fields) {
        this.type = type;
        this.fields = fields;
    }

    /**
     * An event of any type but {@link AuditEventType#JOURNAL_CREATED} (which only the journal writes), with the given
     * fields: for the tool's {@code simulate} and for tests. The factories below are the usual way in.
     *
     * @param type what happened
     * @param fields names ({@link CanonicalJson#NAME}, not {@code seq time type prev hash}) to strings, integers,
     *     booleans, lists and maps of those; {@code null} values are left out
     * @return the event
     * @throws IllegalArgumentException for a reserved or malformed name, or a value the journal cannot encode
     */
    public static AuditEvent of(AuditEventType type, Map<String, ?> fields) {
        if (type == AuditEventType.JOURNAL_CREATED) {
            throw new IllegalArgumentException("JOURNAL_CREATED is written by the journal itself");
        }
        return create(type, fields);
    }

    static AuditEvent create(AuditEventType type, Map<String, ?> fields) {
        Objects.requireNonNull(type, "type");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is written by the journal; an event may not"
                        + " set it");
            }
            if (e.getValue() != null) {
                copy.put(e.getKey(), deepCopy(e.getValue()));
            }
        }
        Map<String, Object> frozen = Collections.unmodifiableMap(copy);
        // fails here, naming the value, if the journal could not write it; and here, once, rather than at each append,
        // if its record could never fit a journal line
        int size = CanonicalJson.encode(frozen).length;
        if (size > MAX_FIELDS_BYTES) {
            throw new IllegalArgumentException("an audit record of " + size + " bytes is longer than the journal's"
                    + " limit of " + MAX_FIELDS_BYTES + " bytes for an event's fields");
        }
        return new AuditEvent(type, frozen);
    }

    /**
     * This event with one more field: for context an adapter adds to a factory's event, such as the version of the
     * registry a gate decided with.
     *
     * @throws IllegalArgumentException for a reserved or malformed name, a name the event already has, or a value the
     *     journal cannot encode
     */
    public AuditEvent with(String name, Object value) {
        if (fields.containsKey(name)) {
            throw new IllegalArgumentException("the event already has a field '" + name + "'");
        }
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return create(type, more);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getValue() != null) {
                    copy.put(e.getKey(), deepCopy(e.getValue()));
                }
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object o : (List<?>) value) {
                copy.add(o == null ? null : deepCopy(o)); // a null element is refused by the encoding check
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Map<String, Object> gate(String job, long build, String system, @CheckForNull String changeId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", Objects.requireNonNull(job, "job"));
        fields.put("build", build);
        fields.put("system", Objects.requireNonNull(system, "system"));
        fields.put("changeId", changeId);
        return fields;
    }

    /**
     * A build asked for the gate.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param commit the commit being deployed, when known
     * @param startedBy who started the build (recorded as {@code user}), when known
     * @return the event
     */
    public static AuditEvent gateRequested(String job, long build, String system, String changeId,
            @CheckForNull String commit, @CheckForNull String startedBy) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("commit", commit);
        fields.put("user", startedBy);
        return create(AuditEventType.GATE_REQUESTED, fields);
    }

    /**
     * The system is not critical: the gate passed at once.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id, when the pipeline gave one
     * @param startedBy who started the build (recorded as {@code user}), when known
     * @return the event
     */
    public static AuditEvent notCritical(String job, long build, String system, @CheckForNull String changeId,
            @CheckForNull String startedBy) {
        Map<String, Object> fields = gate(job, build, system, changeId);
        fields.put("user", startedBy);
        fields.put("outcome", "NOT_CRITICAL");
        return create(AuditEventType.NOT_CRITICAL, fields);
    }

    /**
     * The documentation URL was checked.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param url the documentation URL as given
     * @param outcome the check's verdict (e.g. {@code VERIFIED}, {@code REFUSED})
     * @param evidence what the check saw (status, final URL, content digest, ...): names and values as for
     *     {@link #of}
     * @return the event
     */
    public static AuditEvent documentationChecked(String job, long build, String system, String changeId, String url,
            String outcome, Map<String, ?> evidence) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("url", Objects.requireNonNull(url, "url"));
        fields.put("outcome", Objects.requireNonNull(outcome, "outcome"));
        fields.put("evidence", Objects.requireNonNull(evidence, "evidence"));
        return create(AuditEventType.DOCUMENTATION_CHECKED, fields);
    }

    /**
     * An authorized person approved.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param user who approved
     * @return the event
     */
    public static AuditEvent approvalAccepted(String job, long build, String system, String changeId, String user) {
        return approvalAccepted(job, build, system, changeId, user, null);
    }

    /**
     * An authorized person approved, through a listed group (or {@code user:<id>}).
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param user who approved
     * @param group what the approval counted through, when known
     * @return the event
     */
    public static AuditEvent approvalAccepted(String job, long build, String system, String changeId, String user,
            @CheckForNull String group) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("user", Objects.requireNonNull(user, "user"));
        fields.put("group", group);
        return create(AuditEventType.APPROVAL_ACCEPTED, fields);
    }

    /**
     * Someone tried to approve and was refused.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param user who tried
     * @param reasonCode why, as a stable code (the policy's, e.g. {@code SELF_APPROVAL}, {@code NOT_AUTHORIZED})
     * @return the event
     */
    public static AuditEvent approvalRefused(String job, long build, String system, String changeId, String user,
            String reasonCode) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("user", Objects.requireNonNull(user, "user"));
        fields.put("reason", Objects.requireNonNull(reasonCode, "reasonCode"));
        return create(AuditEventType.APPROVAL_REFUSED, fields);
    }

    /**
     * An authorized person rejected the change.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param user who rejected
     * @param reason the reason they gave
     * @return the event
     */
    public static AuditEvent rejected(String job, long build, String system, String changeId, String user,
            String reason) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("user", Objects.requireNonNull(user, "user"));
        fields.put("reason", Objects.requireNonNull(reason, "reason"));
        return create(AuditEventType.REJECTED, fields);
    }

    /**
     * The gate expired before it was decided.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param reason what expired (e.g. {@code timeout after PT24H}), when there is more to say
     * @return the event
     */
    public static AuditEvent expired(String job, long build, String system, String changeId,
            @CheckForNull String reason) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("reason", reason);
        return create(AuditEventType.EXPIRED, fields);
    }

    /**
     * The gate is held: its system is closed (a freeze, or outside its deployment windows) until the time the reason
     * names, and the gate decides nothing before.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param reason what closes the system, and until when
     * @return the event
     */
    public static AuditEvent held(String job, long build, String system, String changeId, String reason) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("reason", Objects.requireNonNull(reason, "reason"));
        return create(AuditEventType.HELD, fields);
    }

    /**
     * A held gate's system opened again before its approvals were complete: the gate waits for them as before.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param reason what had closed the system
     * @return the event
     */
    public static AuditEvent released(String job, long build, String system, String changeId, String reason) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("reason", Objects.requireNonNull(reason, "reason"));
        return create(AuditEventType.RELEASED, fields);
    }

    /**
     * The gate's final outcome.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param outcome e.g. {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code ABORTED}
     * @param approvers who approved, in the order they did (may be empty)
     * @return the event
     */
    public static AuditEvent decided(String job, long build, String system, String changeId, String outcome,
            List<String> approvers) {
        return decided(job, build, system, changeId, outcome, approvers, null);
    }

    /**
     * The gate's final outcome, with the explanation.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the target system's id
     * @param changeId the change id
     * @param outcome e.g. {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code ABORTED}, {@code DENIED}
     * @param approvers who approved, in the order they did (may be empty)
     * @param reason why, in a sentence, when there is more to say
     * @return the event
     */
    public static AuditEvent decided(String job, long build, String system, String changeId, String outcome,
            List<String> approvers, @CheckForNull String reason) {
        Map<String, Object> fields = gate(job, build, system, Objects.requireNonNull(changeId, "changeId"));
        fields.put("outcome", Objects.requireNonNull(outcome, "outcome"));
        fields.put("approvers", List.copyOf(approvers));
        fields.put("reason", reason);
        return create(AuditEventType.DECIDED, fields);
    }

    /**
     * Someone was handed the journal's key (to verify the journal with the tool).
     *
     * @param user who downloaded it
     * @param keyId the key's id ({@link JournalKeyFile#keyId}), never the key itself
     * @return the event
     */
    public static AuditEvent keyExported(String user, String keyId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", Objects.requireNonNull(user, "user"));
        fields.put("keyId", Objects.requireNonNull(keyId, "keyId"));
        return create(AuditEventType.KEY_EXPORTED, fields);
    }

    public AuditEventType type() {
        return type;
    }

    /** The event's own fields (unmodifiable, deep), without {@code seq time type prev hash}. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "deeply unmodifiable")
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEvent && ((AuditEvent) o).type == type && ((AuditEvent) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return type + " " + fields;
    }
}
