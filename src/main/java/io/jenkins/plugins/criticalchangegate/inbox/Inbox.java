package io.jenkins.plugins.criticalchangegate.inbox;

import io.jenkins.plugins.criticalchangegate.policy.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the inbox page shows one person: the gates waiting for them (they may approve now), the gates waiting on
 * others, and the recently decided ones, each only for builds the person may read. O(open gates + recent): it reads
 * the index, never the jobs. An immutable value.
 */
public final class Inbox {
    private final List<Entry> waitingForMe;
    private final List<Entry> waitingOnOthers;
    private final List<DecidedGate> recentlyDecided;

    private Inbox(List<Entry> waitingForMe, List<Entry> waitingOnOthers, List<DecidedGate> recentlyDecided) {
        this.waitingForMe = List.copyOf(waitingForMe);
        this.waitingOnOthers = List.copyOf(waitingOnOthers);
        this.recentlyDecided = List.copyOf(recentlyDecided);
    }

    /**
     * The inbox of one person.
     *
     * @param gates the index
     * @param rule the "who may act" rule over the registry in force
     * @param who the person, with their groups
     * @param readable whether the person may see the gate's build (Item.READ on the job, in Jenkins); a gate they
     *     may not read appears in no list
     * @param now the current time
     */
    public static Inbox of(OpenGates gates, WhoMayAct rule, Person who, Predicate<GateKey> readable, Instant now) {
        List<Entry> mine = new ArrayList<>();
        List<Entry> others = new ArrayList<>();
        for (PendingGate gate : gates.open()) {
            if (!readable.test(gate.key())) {
                continue;
            }
            WhoMayAct.Assessment assessment = rule.assess(who, gate, now);
            Entry entry = new Entry(gate, assessment, Duration.between(gate.requestedAt(), now));
            (assessment.mayApprove() ? mine : others).add(entry);
        }
        List<DecidedGate> decided = new ArrayList<>();
        for (DecidedGate d : gates.recentlyDecided()) {
            if (readable.test(d.gate().key())) {
                decided.add(d);
            }
        }
        return new Inbox(mine, others, decided);
    }

    /**
     * Whether {@link #of} would list at least one gate as waiting for the person: the same question, stopping at the
     * first such gate (the side panel asks it on every page).
     */
    public static boolean anyWaitingFor(OpenGates gates, WhoMayAct rule, Person who, Predicate<GateKey> readable,
            Instant now) {
        for (PendingGate gate : gates.open()) {
            if (readable.test(gate.key()) && rule.assess(who, gate, now).mayApprove()) {
                return true;
            }
        }
        return false;
    }

    /** Tab "Waiting for me": the gates the person may approve now, oldest request first. */
    public List<Entry> waitingForMe() {
        return waitingForMe;
    }

    /** Tab "Waiting on others": the open gates the person may read but not approve now. */
    public List<Entry> waitingOnOthers() {
        return waitingOnOthers;
    }

    /** The gates decided last, most recent first. */
    public List<DecidedGate> recentlyDecided() {
        return recentlyDecided;
    }

    /** One open gate on the page: the gate, the policy's answer for the person, and how long it has waited. */
    public static final class Entry {
        private final PendingGate gate;
        private final WhoMayAct.Assessment assessment;
        private final Duration age;

        Entry(PendingGate gate, WhoMayAct.Assessment assessment, Duration age) {
            this.gate = gate;
            this.assessment = assessment;
            this.age = age.isNegative() ? Duration.ZERO : age;
        }

        public PendingGate gate() {
            return gate;
        }

        public WhoMayAct.Assessment assessment() {
            return assessment;
        }

        public Duration age() {
            return age;
        }

        @Override
        public String toString() {
            return gate + ": " + assessment;
        }
    }
}
