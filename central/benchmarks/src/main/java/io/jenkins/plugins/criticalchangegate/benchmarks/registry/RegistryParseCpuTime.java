package io.jenkins.plugins.criticalchangegate.benchmarks.registry;

import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The CPU time of the parsing thread for {@link RegistryParseBenchmark}'s two benchmarks, alternated in one JVM over
 * the same bytes: on a machine shared with other builds, wall-clock time is mostly waiting for a core, while the
 * thread's CPU time is what the parse itself costs. Prints each round and the medians.
 *
 * <pre>java -cp central/benchmarks/target/benchmarks.jar \
 *     io.jenkins.plugins.criticalchangegate.benchmarks.registry.RegistryParseCpuTime [SYSTEMS [ROUNDS]]</pre>
 */
public final class RegistryParseCpuTime {
    private RegistryParseCpuTime() {
    }

    public static void main(String[] args) throws RegistryException {
        int systems = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RegistryParseBenchmark benchmark = new RegistryParseBenchmark();
        benchmark.systems = systems;
        benchmark.generate();
        byte[] file = GeneratedRegistry.yaml(systems).getBytes(StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // HotSpot's bean also counts what the thread allocates: the figure the garbage collector's work follows
        com.sun.management.ThreadMXBean allocation = threads instanceof com.sun.management.ThreadMXBean
                ? (com.sun.management.ThreadMXBean) threads : null;
        long thread = Thread.currentThread().getId();
        long[] events = new long[rounds];
        long[] parse = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            benchmark.snakeYamlEvents();
            long middle = threads.getCurrentThreadCpuTime();
            long wallMiddle = System.nanoTime();
            long allocatedBefore = allocation == null ? 0 : allocation.getThreadAllocatedBytes(thread);
            if (RegistryParser.parse(file, "generated.yaml").size() != systems) {
                throw new IllegalStateException("not " + systems + " systems");
            }
            long end = threads.getCurrentThreadCpuTime();
            long wallEnd = System.nanoTime();
            long allocated = allocation == null ? -1 : allocation.getThreadAllocatedBytes(thread) - allocatedBefore;
            events[r] = middle - start;
            parse[r] = end - middle;
            System.out.printf("round %d: snakeYamlEvents %,d ms CPU (%,d ms wall), parseAndValidate %,d ms CPU"
                    + " (%,d ms wall, %,d MB allocated): %.2fx%n", r + 1, events[r] / 1_000_000,
                    (wallMiddle - wallStart) / 1_000_000, parse[r] / 1_000_000, (wallEnd - wallMiddle) / 1_000_000,
                    allocated / 1_000_000, (double) parse[r] / events[r]);
        }
        // the first rounds include the JIT's warm-up: the medians of the second half
        long[] e = Arrays.copyOfRange(events, rounds / 2, rounds);
        long[] p = Arrays.copyOfRange(parse, rounds / 2, rounds);
        Arrays.sort(e);
        Arrays.sort(p);
        System.out.printf("medians of rounds %d to %d: snakeYamlEvents %,d ms CPU, parseAndValidate %,d ms CPU%n",
                rounds / 2 + 1, rounds, e[e.length / 2] / 1_000_000, p[p.length / 2] / 1_000_000);
    }
}
