package io.jenkins.plugins.criticalchangegate.inbox;

import java.util.Objects;

/** Names a gate: the job's full name and the build number (a build opens at most one gate at a time). */
public final class GateKey {
    private final String job;
    private final long build;

    public GateKey(String job, long build) {
        this.job = Objects.requireNonNull(job, "job");
        this.build = build;
    }

    public String job() {
        return job;
    }

    public long build() {
        return build;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateKey && ((GateKey) o).build == build && ((GateKey) o).job.equals(job);
    }

    @Override
    public int hashCode() {
        return job.hashCode() * 31 + Long.hashCode(build);
    }

    @Override
    public String toString() {
        return job + " #" + build;
    }
}
