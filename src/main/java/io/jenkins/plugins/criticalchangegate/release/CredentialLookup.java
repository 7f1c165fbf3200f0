package io.jenkins.plugins.criticalchangegate.release;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one lookup of a gated credential: the credential and the system it is bound to, the build that asks
 * (absent for a lookup without a build: another plugin, the script console), whether that build is still running, its
 * job's full name, the gates it holds, and the time of the lookup. An immutable value.
 */
public final class CredentialLookup {
    private final String credentialId;
    private final String boundSystem;
    @CheckForNull
    private final String job;
    private final long build;
    private final boolean hasBuild;
    private final boolean running;
    private final List<BuildGate> gates;
    private final Instant at;

    private CredentialLookup(String credentialId, String boundSystem, @CheckForNull String job, long build,
            boolean hasBuild, boolean running, List<BuildGate> gates, Instant at) {
        this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
        this.boundSystem = Objects.requireNonNull(boundSystem, "boundSystem");
        this.job = job;
        this.build = build;
        this.hasBuild = hasBuild;
        this.running = running;
        this.gates = List.copyOf(gates);
        this.at = Objects.requireNonNull(at, "at");
    }

    /** A lookup on behalf of a build of {@code job} (its full name) numbered {@code build}. */
    public static CredentialLookup forBuild(String credentialId, String boundSystem, String job, long build,
            boolean running, List<BuildGate> gates, Instant at) {
        return new CredentialLookup(credentialId, boundSystem, Objects.requireNonNull(job, "job"), build, true,
                running, gates, at);
    }

    /** A lookup without a build: never released. */
    public static CredentialLookup withoutBuild(String credentialId, String boundSystem, Instant at) {
        return new CredentialLookup(credentialId, boundSystem, null, 0, false, false, List.of(), at);
    }

    public String credentialId() {
        return credentialId;
    }

    public String boundSystem() {
        return boundSystem;
    }

    /** The job's full name; empty for a lookup without a build. */
    public Optional<String> job() {
        return Optional.ofNullable(job);
    }

    /** The build number (0 without a build). */
    public long build() {
        return build;
    }

    public boolean hasBuild() {
        return hasBuild;
    }

    public boolean running() {
        return running;
    }

    public List<BuildGate> gates() {
        return gates;
    }

    public Instant at() {
        return at;
    }
}
