package io.jenkins.plugins.criticalchangegate.benchmarks.registry;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Resolve a system by id, and by job name (the job bound to it), in registries of 335 and 100,000 systems. Each
 * invocation looks up the next of 4096 randomly chosen systems, so the work is not one cached answer. By-job-name
 * must not scan every glob: its time at 100,000 systems stays within 3x of its time at 335 (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryResolveBenchmark {
    private static final int LOOKUPS = 4096;

    @Param({"335", "100000"})
    public int systems;

    private Registry registry;
    private String[] ids;
    private String[] jobs;
    private String[] unknownIds;
    private int next;

    @Setup(Level.Trial)
    public void generate() throws RegistryException {
        registry = RegistryParser.parse(GeneratedRegistry.yaml(systems), "generated.yaml");
        Random random = new Random(42);
        ids = new String[LOOKUPS];
        jobs = new String[LOOKUPS];
        unknownIds = new String[LOOKUPS];
        for (int k = 0; k < LOOKUPS; k++) {
            int i = random.nextInt(systems);
            ids[k] = GeneratedRegistry.id(i).toUpperCase(java.util.Locale.ROOT);
            jobs[k] = GeneratedRegistry.boundJob(i);
            unknownIds[k] = "inventory-" + k;
        }
        // the lookups must give the answers they are meant to give
        for (int k = 0; k < LOOKUPS; k++) {
            if (registry.resolve(ids[k], jobs[k]).kind() != Resolution.Kind.CRITICAL
                    || registry.resolve(ids[k], null).kind() != Resolution.Kind.CRITICAL
                    || registry.resolve(unknownIds[k], null).kind() != Resolution.Kind.NOT_CRITICAL) {
                throw new IllegalStateException("lookup " + k + " does not resolve as expected");
            }
        }
    }

    @Benchmark
    public Resolution byId() {
        int k = next++ & (LOOKUPS - 1);
        return registry.resolve(ids[k], null);
    }

    @Benchmark
    public Resolution byJobName() {
        int k = next++ & (LOOKUPS - 1);
        return registry.resolve(ids[k], jobs[k]);
    }

    /** An id that is not listed: the "did you mean" check compares it with every listed id (linear, documented). */
    @Benchmark
    public Resolution unknownId() {
        int k = next++ & (LOOKUPS - 1);
        return registry.resolve(unknownIds[k], null);
    }
}
