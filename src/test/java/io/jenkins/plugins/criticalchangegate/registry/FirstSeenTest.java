package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class FirstSeenTest {
    /** A key whose hash is chosen, so that keys collide on purpose and probing is exercised. */
    private static final class Key {
        final int id;
        final int hash;

        Key(int id, int hash) {
            this.id = id;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).id == id;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "key " + id;
        }
    }

    @Test
    public void numbersKeysInTheOrderFirstSeenAsALinkedHashMapWould() {
        Random random = new Random(17);
        for (int round = 0; round < 20; round++) {
            FirstSeen<Key> seen = new FirstSeen<>();
            Map<Key, Integer> expected = new LinkedHashMap<>();
            int distinct = 1 + random.nextInt(round < 10 ? 50 : 5000);
            int hashes = 1 + random.nextInt(distinct); // few hashes: many keys collide
            for (int i = 0; i < distinct * 3; i++) {
                int id = random.nextInt(distinct);
                Key key = new Key(id, id % hashes * (round % 2 == 0 ? 1 : 1 << 16));
                Integer first = expected.putIfAbsent(key, expected.size());
                assertThat(key + " in round " + round, seen.addIfAbsent(key), is(first == null ? -1 : first));
                assertThat(seen.size(), is(expected.size()));
            }
            List<Key> order = new ArrayList<>(expected.keySet());
            for (int n = 0; n < order.size(); n++) {
                assertThat(seen.key(n), is(order.get(n)));
                assertThat(seen.contains(order.get(n)), is(true));
            }
            assertThat(seen.contains(new Key(distinct, 0)), is(false));
            Set<Key> set = seen.asSet();
            assertThat(set.size(), is(order.size()));
            assertThat(new ArrayList<>(set), is(order));
            assertThat(set.contains(null), is(false));
            assertThat(set.contains("not a key"), is(false));
        }
    }

    @Test
    public void theSetFollowsTheKeysAddedAfterIt() {
        FirstSeen<SystemId> seen = new FirstSeen<>();
        Set<SystemId> set = seen.asSet();
        seen.addIfAbsent(SystemId.of("id", "Checkout"));
        assertThat(seen.addIfAbsent(SystemId.of("id", "checkout")), is(0));
        seen.addIfAbsent(SystemId.of("id", "payments"));
        assertThat(set, contains(SystemId.of("id", "checkout"), SystemId.of("id", "payments")));
        assertThat(set.contains(SystemId.of("id", "PAYMENTS")), is(true));
        assertThrows(UnsupportedOperationException.class, () -> set.add(SystemId.of("id", "ledger")));
        assertThrows(IndexOutOfBoundsException.class, () -> seen.key(2));
    }
}
