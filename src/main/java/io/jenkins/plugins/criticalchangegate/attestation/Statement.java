package io.jenkins.plugins.criticalchangegate.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-toto Statement v1: {@code _type}, {@code subject} (what it is about), {@code predicateType} and
 * {@code predicate}. Written as the envelope's payload; read back from the payload bytes a signature was verified over
 * (never from a second parse of the envelope, DSSE protocol "Important"). An immutable value.
 */
public final class Statement {
    /** The statement's {@code _type}. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    private final String type;
    private final List<Subject> subjects;
    private final String predicateType;
    private final Map<String, Object> predicate;

    private Statement(String type, List<Subject> subjects, String predicateType, Map<String, Object> predicate) {
        this.type = type;
        this.subjects = List.copyOf(subjects);
        this.predicateType = predicateType;
        this.predicate = predicate; // Json.plain or Json.normalized: unmodifiable all the way down
    }

    /**
     * A statement of {@link #TYPE}.
     *
     * @param subjects what it is about, at least one
     * @param predicateType the predicate's type URI
     * @param predicate the predicate: plain values (maps, lists, strings, numbers, booleans, null)
     * @throws IllegalArgumentException without subjects
     */
    public static Statement of(List<Subject> subjects, String predicateType, Map<String, ?> predicate) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one subject (in-toto Statement v1)");
        }
        return new Statement(TYPE, subjects, Objects.requireNonNull(predicateType), Json.normalized(predicate));
    }

    /** The {@code _type} as written: {@link #TYPE} for statements made here, anything for one read back. */
    public String type() {
        return type;
    }

    public List<Subject> subjects() {
        return subjects;
    }

    public String predicateType() {
        return predicateType;
    }

    /** The predicate's members as plain values. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "unmodifiable all the way down (Json.plain)")
    public Map<String, Object> predicate() {
        return predicate;
    }

    /** A top-level string member of the predicate, or null when it is absent or not a string. */
    @CheckForNull
    String predicateText(String name) {
        Object value = predicate.get(name);
        return value instanceof String ? (String) value : null;
    }

    /** The serialized body: compact UTF-8 JSON. */
    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("_type", type);
        List<Object> subject = new ArrayList<>();
        for (Subject s : subjects) {
            subject.add(s.toJson());
        }
        json.put("subject", subject);
        json.put("predicateType", predicateType);
        json.put("predicate", predicate);
        return Json.write(json);
    }

    /**
     * Reads a statement. Checks the shape only ({@code _type} and {@code predicateType} strings, {@code subject} an
     * array of {name, digest} with string digests, {@code predicate} an object); what they must be is for the verifier.
     *
     * @throws AttestationException naming what is missing or of the wrong type
     */
    public static Statement parse(byte[] json) throws AttestationException {
        JsonNode root = Json.read(json, "the statement");
        if (!root.isObject()) {
            throw new AttestationException("the statement must be a JSON object, not " + Json.kind(root));
        }
        String type = Json.text(root, "_type", "the statement");
        JsonNode subject = root.get("subject");
        if (subject == null || !subject.isArray()) {
            throw new AttestationException("the statement's 'subject' must be an array"
                    + (subject == null ? ", and it has none" : ", not " + Json.kind(subject)));
        }
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < subject.size(); i++) {
            JsonNode s = subject.get(i);
            String where = "the statement's subject " + (i + 1);
            if (!s.isObject()) {
                throw new AttestationException(where + " must be a JSON object, not " + Json.kind(s));
            }
            JsonNode name = s.get("name");
            if (name != null && !name.isTextual()) {
                throw new AttestationException(where + "'s 'name' must be a string, not " + Json.kind(name));
            }
            JsonNode digest = s.get("digest");
            if (digest == null || !digest.isObject()) {
                throw new AttestationException(where + " needs a 'digest' object");
            }
            Map<String, String> digests = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = digest.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> d = it.next();
                if (!d.getValue().isTextual()) {
                    throw new AttestationException(where + "'s digest '" + d.getKey() + "' must be a string");
                }
                digests.put(d.getKey(), d.getValue().textValue());
            }
            subjects.add(Subject.read(name == null ? "" : name.textValue(), digests));
        }
        String predicateType = Json.text(root, "predicateType", "the statement");
        JsonNode predicate = root.get("predicate");
        if (predicate == null || !predicate.isObject()) {
            throw new AttestationException("the statement's 'predicate' must be a JSON object"
                    + (predicate == null ? ", and it has none" : ", not " + Json.kind(predicate)));
        }
        return new Statement(type, subjects, predicateType, Json.plain(predicate));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Statement)) {
            return false;
        }
        Statement s = (Statement) o;
        return type.equals(s.type) && subjects.equals(s.subjects) && predicateType.equals(s.predicateType)
                && predicate.equals(s.predicate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subjects, predicateType, predicate);
    }

    @Override
    public String toString() {
        return "Statement{" + predicateType + " about " + subjects + "}";
    }
}
