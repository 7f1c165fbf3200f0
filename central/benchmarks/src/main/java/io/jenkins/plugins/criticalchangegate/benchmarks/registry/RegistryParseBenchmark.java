package io.jenkins.plugins.criticalchangegate.benchmarks.registry;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
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

/** Parse and validate a whole registry file (UTF-8 bytes in, validated {@link Registry} out). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegistryParseBenchmark {
    @Param({"335", "100000"})
    public int systems;

    private byte[] file;

    @Setup(Level.Trial)
    public void generate() throws RegistryException {
        file = GeneratedRegistry.yaml(systems).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (RegistryParser.parse(file, "generated.yaml").size() != systems) {
            throw new IllegalStateException("the generated registry does not have " + systems + " systems");
        }
    }

    @Benchmark
    public Registry parseAndValidate() throws RegistryException {
        return RegistryParser.parse(file, "generated.yaml");
    }
}
