package io.jenkins.plugins.criticalchangegate.attestation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a statement is about (in-toto ResourceDescriptor): a name and its digests, here {@code sha256} of an artifact
 * or {@code gitCommit} of a commit being built. Digests are lowercase hex, as in-toto's digest set asks.
 */
public final class Subject {
    /** The digest algorithm of an artifact's bytes. */
    public static final String SHA256 = "sha256";
    /** in-toto's digest name for a git commit id (SHA-1 or SHA-256 object name). */
    public static final String GIT_COMMIT = "gitCommit";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMMIT_HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private final String name;
    private final Map<String, String> digest;

    private Subject(String name, Map<String, String> digest) {
        this.name = name;
        this.digest = Collections.unmodifiableMap(new LinkedHashMap<>(digest));
    }

    /**
     * An artifact.
     *
     * @param name the artifact's name (a file name, an image reference), not blank
     * @param sha256 the SHA-256 of its bytes, 64 hex digits (either case)
     * @throws IllegalArgumentException for a blank name or a digest that is not 64 hex digits
     */
    public static Subject sha256(String name, String sha256) {
        String hex = sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("the SHA-256 of '" + name + "' must be 64 hex digits, got '" + sha256
                    + "'");
        }
        return new Subject(checkedName(name), Map.of(SHA256, hex));
    }

    /**
     * A commit being built, named by its id: used when the step is given no artifacts.
     *
     * @param commitId the full commit id, 40 (SHA-1) or 64 (SHA-256) hex digits
     * @throws IllegalArgumentException for anything else (an abbreviated id binds nothing)
     */
    public static Subject gitCommit(String commitId) {
        String hex = commitId.strip().toLowerCase(Locale.ROOT);
        if (!COMMIT_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a commit subject needs the full commit id (40 or 64 hex digits), got '"
                    + commitId + "'");
        }
        return new Subject(hex, Map.of(GIT_COMMIT, hex));
    }

    /** A subject as read from a statement: any name and any digests (the verifier compares, it does not judge). */
    static Subject read(String name, Map<String, String> digest) {
        return new Subject(name, digest);
    }

    private static String checkedName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a subject needs a name");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a subject's name must not contain control characters: '" + name + "'");
        }
        return name;
    }

    public String name() {
        return name;
    }

    /** Algorithm to lowercase hex digest, in the order written. */
    public Map<String, String> digest() {
        return digest;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("digest", new LinkedHashMap<>(digest));
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subject && name.equals(((Subject) o).name) && digest.equals(((Subject) o).digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, digest);
    }

    @Override
    public String toString() {
        return name + " " + digest;
    }
}
