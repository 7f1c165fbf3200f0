package io.jenkins.plugins.criticalchangegate.benchmarks.registry;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.nio.charset.StandardCharsets;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

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
        file = GeneratedRegistry.yaml(systems).getBytes(StandardCharsets.UTF_8);
        if (RegistryParser.parse(file, "generated.yaml").size() != systems) {
            throw new IllegalStateException("the generated registry does not have " + systems + " systems");
        }
    }

    @Benchmark
    public Registry parseAndValidate() throws RegistryException {
        return RegistryParser.parse(file, "generated.yaml");
    }

    /**
     * The baseline, in the same run: SnakeYAML's own parse of the same bytes into events (decode, scanner, parser),
     * the part of parseAndValidate no change of ours can make faster. parseAndValidate / snakeYamlEvents is the
     * figure docs/performance.md gives.
     */
    @Benchmark
    public int snakeYamlEvents() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Parser parser = new ParserImpl(new StreamReader(new String(file, StandardCharsets.UTF_8)), options);
        int events = 0;
        while (parser.peekEvent() != null) {
            Event event = parser.getEvent();
            events++;
            if (event.is(Event.ID.StreamEnd)) {
                break;
            }
        }
        return events;
    }
}
