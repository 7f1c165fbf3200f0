package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

/** {@link KeySet} against {@link HashSet}: the same answers, through growth, for ASCII and other text. */
public class KeySetTest {
    @Test
    public void answersAsAHashSetDoes() {
        Random random = new Random(17);
        String[] alphabet = {"a", "B", "/", "\n", "7", "é", "😀", "İ", "\u0000", "x".repeat(300)};
        Set<String> expected = new HashSet<>();
        KeySet actual = new KeySet();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextBoolean()) {
                assertThat(key.toString(), actual.add(key), equalTo(expected.add(key.toString())));
            } else {
                assertThat(key.toString(), actual.contains(key), equalTo(expected.contains(key.toString())));
            }
        }
        assertThat(actual.size(), equalTo(expected.size()));
        for (String key : expected) {
            assertThat(key, actual.contains(new StringBuilder(key)), equalTo(true));
        }
        assertThat(actual.contains("not there at all"), equalTo(false));
    }

    @Test
    public void aSharingSetHoldsPrefixesAndProbesAnswerFromManyThreads() throws Exception {
        Random random = new Random(29);
        String[] alphabet = {"a", "B", "7", "é", "😀", "\n", "x".repeat(40)};
        KeySet gates = new KeySet();
        KeySet builds = gates.sharing();
        Set<String> expectedGates = new HashSet<>();
        Set<String> expectedBuilds = new HashSet<>();
        KeySet.Probe probe = new KeySet.Probe();
        for (int i = 0; i < 30_000; i++) {
            StringBuilder build = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                build.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String gate = build + "\n" + random.nextInt(50);
            // a probe that answered before the add must not answer from memory after it
            assertThat(builds.contains(build, probe), equalTo(expectedBuilds.contains(build.toString())));
            gates.add(gate);
            builds.addPrefix(gate, build.length(), gates.lastRef());
            expectedGates.add(gate);
            expectedBuilds.add(build.toString());
            assertThat(builds.contains(build, probe), equalTo(true));
        }
        assertThat(gates.size(), equalTo(expectedGates.size()));
        assertThat(builds.size(), equalTo(expectedBuilds.size()));
        List<String> gateList = new ArrayList<>(expectedGates);
        List<String> buildList = new ArrayList<>(expectedBuilds);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            asked.add(gateList.get(random.nextInt(gateList.size())));
            asked.add("nothing " + i);
            asked.add(buildList.get(random.nextInt(buildList.size())));
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                KeySet.Probe own = new KeySet.Probe();
                try {
                    for (String key : asked) {
                        assertThat(key, gates.contains(key, own), equalTo(expectedGates.contains(key)));
                        assertThat(key, builds.contains(key, own), equalTo(expectedBuilds.contains(key)));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures.toString(), failures.isEmpty(), equalTo(true));
    }
}
