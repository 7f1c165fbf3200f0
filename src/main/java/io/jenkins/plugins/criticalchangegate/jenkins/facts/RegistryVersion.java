package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which registry of critical systems a gate decided with: the SHA-256 of its exact bytes, when that content was first
 * loaded, and the source it came from. Every journal record of the gate's request carries
 * it, so an auditor can tell which rules applied to a change even after the registry moved on. The build log prints
 * the registry's own {@code LoadedRegistry.version()}; this is the serializable copy a paused gate keeps.
 */
public final class RegistryVersion implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sha256;
    private final long loadedAtMillis;
    private final String source;

    private RegistryVersion(String sha256, long loadedAtMillis, String source) {
        this.sha256 = sha256;
        this.loadedAtMillis = loadedAtMillis;
        this.source = source;
    }

    /**
     * @param sha256 the hex SHA-256 of the registry's bytes (64 hex digits)
     * @param loadedAt when that content was first loaded
     * @param source how the source is named (never with a secret in it)
     * @throws IllegalArgumentException when the hash is not 64 hex digits
     */
    public static RegistryVersion of(String sha256, Instant loadedAt, String source) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: '" + sha256 + "'");
        }
        return new RegistryVersion(sha256, loadedAt.toEpochMilli(), Objects.requireNonNull(source, "source"));
    }

    public String sha256() {
        return sha256;
    }

    public Instant loadedAt() {
        return Instant.ofEpochMilli(loadedAtMillis);
    }

    public String source() {
        return source;
    }

    /** The journal's {@code registry} field: {@code {sha256, loadedAt, source}}. */
    public Map<String, Object> toJournal() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sha256", sha256);
        fields.put("loadedAt", loadedAt().toString());
        fields.put("source", source);
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegistryVersion)) {
            return false;
        }
        RegistryVersion other = (RegistryVersion) o;
        return other.sha256.equals(sha256) && other.loadedAtMillis == loadedAtMillis && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sha256, loadedAtMillis, source);
    }

    @Override
    public String toString() {
        return "sha256:" + sha256 + " loaded " + loadedAt() + " from " + source;
    }
}
