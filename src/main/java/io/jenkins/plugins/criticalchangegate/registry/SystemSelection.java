package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Which systems a time rule (an overlay, a freeze, a deployment window) applies to: {@code all}, or the systems whose
 * id or whose tier is listed. An immutable value.
 */
public final class SystemSelection {
    private static final SystemSelection ALL = new SystemSelection(true, List.of(), Set.of());

    private final boolean all;
    private final List<SystemId> ids;
    private final Set<Integer> tiers;

    private SystemSelection(boolean all, List<SystemId> ids, Set<Integer> tiers) {
        this.all = all;
        this.ids = List.copyOf(ids);
        this.tiers = Set.copyOf(tiers);
    }

    /** Every system of the registry. */
    public static SystemSelection all() {
        return ALL;
    }

    /**
     * The systems with one of the ids (ignoring case) or one of the tiers.
     *
     * @throws IllegalArgumentException when both are empty: a selection of nothing is a mistake, not a rule
     */
    public static SystemSelection of(List<SystemId> ids, Set<Integer> tiers) {
        if (ids.isEmpty() && tiers.isEmpty()) {
            throw new IllegalArgumentException("a selection of systems needs ids or tiers, or 'all'");
        }
        return new SystemSelection(false, new ArrayList<>(new LinkedHashSet<>(ids)), tiers);
    }

    public boolean selects(CriticalSystem system) {
        return all || tiers.contains(system.tier()) || ids.contains(system.id());
    }

    public boolean isAll() {
        return all;
    }

    /** The ids listed, as written. */
    public List<SystemId> ids() {
        return ids;
    }

    /** The tiers listed. */
    public Set<Integer> tiers() {
        return tiers;
    }

    /** As the messages and the tool say it: "all systems", "tier 1 and system checkout-service". */
    @Override
    public String toString() {
        if (all) {
            return "all systems";
        }
        StringJoiner parts = new StringJoiner(" and ");
        if (!tiers.isEmpty()) {
            parts.add((tiers.size() == 1 ? "tier " : "tiers ") + String.join(", ",
                    new TreeSet<>(tiers).stream().map(String::valueOf).toArray(String[]::new)));
        }
        if (!ids.isEmpty()) {
            parts.add((ids.size() == 1 ? "system " : "systems ") + String.join(", ",
                    ids.stream().map(SystemId::value).toArray(String[]::new)));
        }
        return parts.toString();
    }
}
