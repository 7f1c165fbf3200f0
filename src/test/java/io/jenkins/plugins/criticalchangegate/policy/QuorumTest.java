package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class QuorumTest {
    private static Quorum.Candidate person(String user, String... channels) {
        return new Quorum.Candidate(user, List.of(channels), List.of(channels));
    }

    @Test
    public void oneFromEachGroupIsMetWhoeverApprovesFirst() {
        Quorum quorum = new Quorum(List.of(new Quorum.Part("leads", "leads", 1), new Quorum.Part("sre", "sre", 1)),
                false);
        // bob is in both groups: a greedy choice would count him for leads if he came first and block carol
        List<Quorum.Candidate> people = List.of(person("bob", "leads", "sre"), person("carol", "leads"));
        for (List<Quorum.Candidate> order : List.of(people, List.of(people.get(1), people.get(0)))) {
            Quorum.Assignment a = quorum.assign(order);
            assertThat(a.met(), is(true));
            assertThat(a.through("carol"), is("leads"));
            assertThat(a.through("bob"), is("sre"));
            assertThat(a.usersByPart(), contains(List.of("carol"), List.of("bob")));
        }
    }

    @Test
    public void distinctGroupsAreAssignedOptimallyNotGreedily() {
        Quorum quorum = new Quorum(List.of(new Quorum.Part(null, "any listed approver", 2)), true);
        Quorum.Assignment a = quorum.assign(List.of(person("bob", "a", "b"), person("carol", "a")));
        assertThat(a.met(), is(true));
        assertThat(a.through("bob"), is("b"));
        assertThat(a.through("carol"), is("a"));
    }

    @Test
    public void twoPeopleFromTheSameOnlyGroupDoNotMeetTwoDistinctGroups() {
        Quorum quorum = new Quorum(List.of(new Quorum.Part(null, "any listed approver", 2)), true);
        Quorum.Assignment a = quorum.assign(List.of(person("bob", "sre"), person("dave", "sre")));
        assertThat(a.counted(), is(1));
        assertThat(a.stillNeeded(), is(1));
        assertThat(a.met(), is(false));
    }

    @Test
    public void aPersonCountsTowardOnePartOnly() {
        Quorum quorum = new Quorum(List.of(new Quorum.Part("leads", "leads", 1), new Quorum.Part("sre", "sre", 1)),
                false);
        Quorum.Assignment a = quorum.assign(List.of(person("bob", "leads", "sre")));
        assertThat(a.counted(), is(1));
        assertThat(a.met(), is(false));
    }

    @Test
    public void anyListedApproverTakesWhatTheNamedPartsLeave() {
        Quorum quorum = new Quorum(List.of(new Quorum.Part("leads", "leads", 1), new Quorum.Part(null, "any", 2)),
                false);
        Quorum.Assignment a = quorum.assign(List.of(person("x", "sre"), person("y", "sre"), person("z", "leads")));
        assertThat(a.met(), is(true));
        assertThat(a.usersByPart().get(0), contains("z"));
        assertThat(a.usersByPart().get(1), containsInAnyOrder("x", "y"));
    }

    /** The property the docs state: the number of approvals that count never depends on the order. */
    @Test
    public void theOutcomeNeverDependsOnTheOrderOfApprovals() {
        Random random = new Random(20261207L);
        String[] groups = {"a", "b", "c", "d"};
        for (int round = 0; round < 400; round++) {
            List<Quorum.Part> parts = new ArrayList<>();
            for (String g : groups) {
                if (random.nextInt(3) == 0) {
                    parts.add(new Quorum.Part(g, g, 1 + random.nextInt(2)));
                }
            }
            if (parts.isEmpty() || random.nextBoolean()) {
                parts.add(new Quorum.Part(null, "any", 1 + random.nextInt(3)));
            }
            Quorum quorum = new Quorum(parts, random.nextBoolean());
            List<Quorum.Candidate> people = new ArrayList<>();
            int size = 1 + random.nextInt(6);
            for (int p = 0; p < size; p++) {
                List<String> mine = new ArrayList<>();
                for (String g : groups) {
                    if (random.nextInt(3) == 0) {
                        mine.add(g);
                    }
                }
                people.add(new Quorum.Candidate("u" + p, mine, mine));
            }
            int counted = quorum.assign(people).counted();
            for (int shuffle = 0; shuffle < 10; shuffle++) {
                List<Quorum.Candidate> order = new ArrayList<>(people);
                Collections.shuffle(order, random);
                assertThat("round " + round + ": " + parts, quorum.assign(order).counted(), is(counted));
                // and accepting one by one only those who raise the count reaches the same number
                List<Quorum.Candidate> accepted = new ArrayList<>();
                for (Quorum.Candidate c : order) {
                    List<Quorum.Candidate> tried = new ArrayList<>(accepted);
                    tried.add(c);
                    if (quorum.assign(tried).counted() > quorum.assign(accepted).counted()) {
                        accepted.add(c);
                    }
                }
                assertThat("round " + round + " incremental", quorum.assign(accepted).counted(), is(counted));
            }
        }
    }
}
