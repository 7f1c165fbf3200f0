package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approvals a gate needs, as parts that must all be met (each "{@code count} approvals through {@code channel}",
 * where a channel is a listed group, a listed user's own {@code user:<id>} entry, or any listed approver), by distinct
 * people, each person counting toward one part only; with distinct channels required, each channel also counts once.
 *
 * <p>Who counts toward what is decided by a maximum flow over people, their channels and the parts, never greedily in
 * the order people approved: so whether the requirement is met depends only on who approved, never on the order
 * (docs/registry.md, "Approval rules"). The number of approvals that count is the rank of a transversal matroid, so an
 * approval that does not raise it now never would later either: refusing it loses nothing.
 */
public final class Quorum {
    private final List<Part> parts;
    private final boolean distinctChannels;

    /**
     * @param parts what must be met, each with its count; a part with a {@code null} channel takes anyone eligible
     * @param distinctChannels whether each channel may count one approval only ({@code requireDistinctGroups})
     */
    public Quorum(List<Part> parts, boolean distinctChannels) {
        this.parts = List.copyOf(parts);
        this.distinctChannels = distinctChannels;
    }

    /** How many approvals the requirement needs in all. */
    public int needed() {
        int sum = 0;
        for (Part part : parts) {
            sum += part.count();
        }
        return sum;
    }

    public List<Part> parts() {
        return parts;
    }

    /**
     * The best assignment of these people (in any order: the number that counts is the same for every order).
     *
     * @param candidates each person once, with the channel keys they may count through, best first
     */
    public Assignment assign(List<Candidate> candidates) {
        return new Flow(candidates).solve();
    }

    /** One part of the requirement. */
    public static final class Part {
        @CheckForNull
        private final String channelKey;
        private final String label;
        private final int count;

        /**
         * @param channelKey the channel's comparison key, or {@code null} for "any listed approver"
         * @param label how people read it: {@code checkout-leads}, {@code user:alice}, {@code any listed approver}
         * @param count how many approvals, 1 or more
         */
        public Part(@CheckForNull String channelKey, String label, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a part of a requirement needs at least one approval, got " + count);
            }
            this.channelKey = channelKey;
            this.label = label;
            this.count = count;
        }

        @CheckForNull
        public String channelKey() {
            return channelKey;
        }

        public String label() {
            return label;
        }

        public int count() {
            return count;
        }

        boolean accepts(String key) {
            return channelKey == null || channelKey.equals(key);
        }

        @Override
        public String toString() {
            return count + " through " + label;
        }
    }

    /** A person who approved, with the channels (keys and labels, in the same order) they may count through. */
    public static final class Candidate {
        private final String user;
        private final List<String> channelKeys;
        private final List<String> channelLabels;

        public Candidate(String user, List<String> channelKeys, List<String> channelLabels) {
            if (channelKeys.size() != channelLabels.size()) {
                throw new IllegalArgumentException("one label per channel key");
            }
            this.user = user;
            this.channelKeys = List.copyOf(channelKeys);
            this.channelLabels = List.copyOf(channelLabels);
        }

        public String user() {
            return user;
        }

        public List<String> channelKeys() {
            return channelKeys;
        }
    }

    /** Who counts toward which part, and through which channel. */
    public static final class Assignment {
        private final Quorum quorum;
        private final Map<String, String> throughByUser;
        private final List<List<String>> usersByPart;

        Assignment(Quorum quorum, Map<String, String> throughByUser, List<List<String>> usersByPart) {
            this.quorum = quorum;
            this.throughByUser = Collections.unmodifiableMap(new LinkedHashMap<>(throughByUser));
            List<List<String>> copy = new ArrayList<>();
            for (List<String> users : usersByPart) {
                copy.add(List.copyOf(users));
            }
            this.usersByPart = List.copyOf(copy);
        }

        /** How many approvals count. */
        public int counted() {
            return throughByUser.size();
        }

        /** Whether every part is met. */
        public boolean met() {
            return counted() == quorum.needed();
        }

        /** How many more approvals are needed. */
        public int stillNeeded() {
            return quorum.needed() - counted();
        }

        /** The channel label a counted person counts through; {@code null} when they do not count. */
        @CheckForNull
        public String through(String user) {
            return throughByUser.get(user);
        }

        /** The people counted toward each part, in the order of {@link Quorum#parts()}. */
        public List<List<String>> usersByPart() {
            return usersByPart;
        }
    }

    /**
     * The flow network source → person (1) → channel (1 with distinct channels, else unbounded) → part (its count) →
     * sink, solved with augmenting paths (Ford-Fulkerson): the flow is at most {@link #needed()}, a handful, and the
     * graph has as many nodes as people, channels and parts.
     */
    private final class Flow {
        private final List<Candidate> candidates;
        private final List<String> channels = new ArrayList<>();
        private final List<String> channelLabels = new ArrayList<>();
        private final int source;
        private final int sink;
        private final int[][] capacity;

        Flow(List<Candidate> candidates) {
            this.candidates = List.copyOf(candidates);
            for (Candidate c : candidates) {
                for (int i = 0; i < c.channelKeys.size(); i++) {
                    if (!channels.contains(c.channelKeys.get(i))) {
                        channels.add(c.channelKeys.get(i));
                        channelLabels.add(c.channelLabels.get(i));
                    }
                }
            }
            int people = candidates.size();
            int n = 2 + people + 2 * channels.size() + parts.size();
            source = 0;
            sink = n - 1;
            capacity = new int[n][n];
            int unbounded = needed() + 1;
            for (int p = 0; p < people; p++) {
                capacity[source][person(p)] = 1;
                for (String key : candidates.get(p).channelKeys) {
                    capacity[person(p)][channelIn(channels.indexOf(key))] = 1;
                }
            }
            for (int c = 0; c < channels.size(); c++) {
                capacity[channelIn(c)][channelOut(c)] = distinctChannels ? 1 : unbounded;
                for (int r = 0; r < parts.size(); r++) {
                    if (parts.get(r).accepts(channels.get(c))) {
                        capacity[channelOut(c)][part(r)] = unbounded;
                    }
                }
            }
            for (int r = 0; r < parts.size(); r++) {
                capacity[part(r)][sink] = parts.get(r).count();
            }
        }

        private int person(int p) {
            return 1 + p;
        }

        private int channelIn(int c) {
            return 1 + candidates.size() + c;
        }

        private int channelOut(int c) {
            return 1 + candidates.size() + channels.size() + c;
        }

        private int part(int r) {
            return 1 + candidates.size() + 2 * channels.size() + r;
        }

        Assignment solve() {
            int[][] flow = new int[capacity.length][capacity.length];
            while (augment(flow)) {
                // each path carries one approval
            }
            Map<String, String> through = new LinkedHashMap<>();
            List<List<String>> byPart = new ArrayList<>();
            for (int r = 0; r < parts.size(); r++) {
                byPart.add(new ArrayList<>());
            }
            for (int p = 0; p < candidates.size(); p++) {
                for (int c = 0; c < channels.size(); c++) {
                    if (flow[person(p)][channelIn(c)] > 0) {
                        through.put(candidates.get(p).user, channelLabels.get(c));
                        byPart.get(partOf(flow, c)).add(candidates.get(p).user);
                    }
                }
            }
            return new Assignment(Quorum.this, through, byPart);
        }

        /** The part a unit of flow through channel {@code c} goes on to (one with flow left to account for). */
        private int partOf(int[][] flow, int c) {
            for (int r = 0; r < parts.size(); r++) {
                if (flow[channelOut(c)][part(r)] > 0) {
                    flow[channelOut(c)][part(r)]--;
                    return r;
                }
            }
            throw new IllegalStateException("flow through channel " + channels.get(c) + " reaches no part");
        }

        /** One augmenting path by depth-first search in the residual graph; {@code false} when there is none. */
        private boolean augment(int[][] flow) {
            boolean[] seen = new boolean[capacity.length];
            int[] previous = new int[capacity.length];
            Arrays.fill(previous, -1);
            if (!reach(source, flow, seen, previous)) {
                return false;
            }
            for (int v = sink; v != source; v = previous[v]) {
                int u = previous[v];
                if (flow[v][u] > 0) {
                    flow[v][u]--; // cancel flow the other way first
                } else {
                    flow[u][v]++;
                }
            }
            return true;
        }

        private boolean reach(int u, int[][] flow, boolean[] seen, int[] previous) {
            if (u == sink) {
                return true;
            }
            seen[u] = true;
            for (int v = 0; v < capacity.length; v++) {
                if (!seen[v] && (capacity[u][v] - flow[u][v] > 0 || flow[v][u] > 0)) {
                    previous[v] = u;
                    if (reach(v, flow, seen, previous)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
