package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing an approval is about, as the gate record keeps it: an artifact's name with its SHA-256, or a commit id
 * ({@code gitCommit}). What the attestation's {@code subject} lists, shown on the gate page. Immutable; plain strings,
 * so build.xml reads it back on any JDK.
 */
public final class SubjectEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The digest algorithm of an artifact, as in-toto names it. */
    public static final String SHA256 = "sha256";
    /** The digest "algorithm" of a commit, as in-toto names it. */
    public static final String GIT_COMMIT = "gitCommit";

    private final String name;
    private final String algorithm;
    private final String digest;

    private SubjectEntry(String name, String algorithm, String digest) {
        this.name = Objects.requireNonNull(name, "name");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.digest = Objects.requireNonNull(digest, "digest").toLowerCase(Locale.ROOT);
    }

    /**
     * An artifact and its SHA-256.
     *
     * @throws IllegalArgumentException for a blank name or a digest that is not 64 hex digits
     */
    public static SubjectEntry artifact(String name, String sha256) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subject needs a name (the artifact's file name or path)");
        }
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the sha256 of subject '" + name + "' must be 64 hexadecimal digits");
        }
        return new SubjectEntry(name, SHA256, sha256);
    }

    /**
     * A commit being built, named by its full id.
     *
     * @throws IllegalArgumentException for an id that is not 40 (SHA-1) or 64 (SHA-256) hex digits
     */
    public static SubjectEntry commit(String commitId) {
        if (commitId == null || !commitId.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("'" + commitId + "' is not a full commit id (40 or 64 hex digits)");
        }
        return new SubjectEntry(commitId.toLowerCase(Locale.ROOT), GIT_COMMIT, commitId);
    }

    public String getName() {
        return name;
    }

    /** {@value #SHA256} or {@value #GIT_COMMIT}. */
    public String getAlgorithm() {
        return algorithm;
    }

    /** Lowercase hex. */
    public String getDigest() {
        return digest;
    }

    public boolean isCommit() {
        return GIT_COMMIT.equals(algorithm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectEntry && ((SubjectEntry) o).name.equals(name)
                && ((SubjectEntry) o).algorithm.equals(algorithm) && ((SubjectEntry) o).digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, algorithm, digest);
    }

    @Override
    public String toString() {
        return name + " " + algorithm + ":" + digest;
    }
}
