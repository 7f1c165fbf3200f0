package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A registry that was loaded and validated: what a gate decides with, and how logs and the audit name it (its
 * SHA-256 and when it was first loaded). Immutable.
 */
public final class LoadedRegistry {
    private final Registry registry;
    private final byte[] bytes;
    private final String sha256;
    private final Instant loadedAt;
    private final String source;

    private LoadedRegistry(Registry registry, byte[] bytes, String sha256, Instant loadedAt, String source) {
        this.registry = registry;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.loadedAt = loadedAt;
        this.source = source;
    }

    /**
     * Parses and validates registry bytes (what the "Check registry" button and the keeper do).
     *
     * @param bytes the registry as UTF-8 (a copy is kept)
     * @param source how messages name it: the source's {@link RegistrySource#describe()}
     * @param loadedAt when this content was first loaded
     * @throws RegistryException with every problem, each {@code SOURCE:LINE:COLUMN: message}
     */
    public static LoadedRegistry parse(byte[] bytes, String source, Instant loadedAt, ParseOptions options)
            throws RegistryException {
        byte[] copy = bytes.clone();
        return parse(copy, sha256(copy), source, loadedAt, options);
    }

    /** As {@link #parse(byte[], String, Instant, ParseOptions)}, for bytes this package owns and has hashed already. */
    static LoadedRegistry parse(byte[] owned, String sha256, String source, Instant loadedAt, ParseOptions options)
            throws RegistryException {
        Registry registry = RegistryParser.parse(owned, source, options.maxApprovalTimeout());
        return new LoadedRegistry(registry, owned, sha256, loadedAt, source);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public Registry registry() {
        return registry;
    }

    /** Lower-case hex SHA-256 of the exact bytes parsed. */
    public String sha256() {
        return sha256;
    }

    /** When this content was first loaded; the same bytes loaded again, or restored after a restart, keep it. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** The {@link RegistrySource#describe()} of the source it came from. */
    public String source() {
        return source;
    }

    /**
     * {@code sha256:<first 12 hex> loaded <ISO instant, whole seconds> from <source>}, for logs and the build log;
     * {@link #sha256()} and {@link #loadedAt()} give the full values.
     */
    public String version() {
        return "sha256:" + sha256.substring(0, 12) + " loaded " + loadedAt.truncatedTo(ChronoUnit.SECONDS) + " from "
                + source;
    }

    /** The exact bytes, for the store and for validating them again under other options. Not a copy. */
    byte[] content() {
        return bytes;
    }

    /** Its bytes validated again under other options, keeping its load time and source. */
    LoadedRegistry reparse(ParseOptions options) throws RegistryException {
        return parse(bytes, source, loadedAt, options);
    }

    /** The same registry, with the load time of an earlier load of the same bytes. */
    LoadedRegistry withLoadedAt(Instant firstLoaded) {
        return new LoadedRegistry(registry, bytes, sha256, firstLoaded, source);
    }

    @Override
    public String toString() {
        return version();
    }
}
