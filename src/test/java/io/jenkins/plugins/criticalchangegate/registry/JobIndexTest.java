package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

/**
 * The job index against the plain reading of the bindings (every glob tested against the job): the index only
 * skips globs that cannot match. Folders with one child, with many (their table grows), globs ending at the same
 * folder, wildcard globs at the root, capitals.
 */
public class JobIndexTest {
    private static final String[] WORDS = {"org", "Org", "team", "deploy", "release", "x", "pipelines", "a-b"};

    private static String word(Random random) {
        String w = WORDS[random.nextInt(WORDS.length)];
        return random.nextInt(3) == 0 ? w + random.nextInt(40) : w;
    }

    private static String glob(Random random) {
        int depth = 1 + random.nextInt(4);
        StringBuilder glob = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            if (d > 0) {
                glob.append('/');
            }
            int shape = random.nextInt(10);
            glob.append(shape == 0 ? "**" : shape == 1 ? "*" : shape == 2 ? word(random) + "-*" : word(random));
        }
        return glob.toString();
    }

    @Test
    public void findsExactlyTheSystemsWhoseGlobsMatch() {
        Random random = new Random(1717);
        List<CriticalSystem> systems = new ArrayList<>();
        Set<String> globs = new HashSet<>();
        for (int i = 0; systems.size() < 600; i++) {
            List<String> jobs = new ArrayList<>();
            for (int j = 0, n = 1 + random.nextInt(3); j < n; j++) {
                String glob = glob(random);
                if (globs.add(glob.toLowerCase(java.util.Locale.ROOT).replace("**/**", "**"))) {
                    jobs.add(glob);
                }
            }
            systems.add(CriticalSystem.builder("system-" + i).name("System " + i).tier(1).owners(List.of("team"))
                    .approvers(List.of(ApproverRef.group("leads"))).jobs(jobs).build());
        }
        JobIndex index = new JobIndex(systems, null);
        int matched = 0;
        for (int probe = 0; probe < 5000; probe++) {
            StringBuilder job = new StringBuilder();
            for (int d = 0, depth = 1 + random.nextInt(5); d < depth; d++) {
                job.append(d > 0 ? "/" : "").append(random.nextInt(4) == 0 ? word(random).toUpperCase(
                        java.util.Locale.ROOT) : word(random));
            }
            String name = job.toString();
            Set<CriticalSystem> expected = new HashSet<>();
            for (CriticalSystem system : systems) {
                for (String glob : system.jobs()) {
                    if (JobPattern.compile(glob).matches(name)) {
                        expected.add(system);
                    }
                }
            }
            List<CriticalSystem> found = index.systemsFor(name);
            assertThat(name, new HashSet<>(found), is(expected));
            assertThat(name + ": each system once", new HashSet<>(found).size(), is(found.size()));
            matched += expected.isEmpty() ? 0 : 1;
        }
        assertThat("jobs some glob matches", matched, greaterThan(1000));
    }
}
