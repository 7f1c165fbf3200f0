package io.jenkins.plugins.criticalchangegate.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of time in which a system takes no change: it is in a freeze, or outside its deployment windows, from
 * {@code from} (inclusive) to {@code to} (exclusive), the first instant it is open again. Freezes and closed windows
 * that follow one another without a gap make one period. A gate keeps the periods of its lifetime, computed when it
 * is requested, so it decides the same way after a restart whatever the registry says by then; hence serializable,
 * of instants and strings only (what the gate state's codec allows). An immutable value.
 */
public final class ClosedPeriod implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Instant from;
    private final Instant to;
    private final List<String> freezes;
    private final boolean outsideWindows;

    /**
     * @param freezes the names of the freezes that make up the period, in the order they are met
     * @param outsideWindows whether some of it is outside the system's deployment windows
     * @throws IllegalArgumentException unless {@code from} is before {@code to}, and something closes it
     */
    public ClosedPeriod(Instant from, Instant to, List<String> freezes, boolean outsideWindows) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a closed period must end after it begins: " + from + ", " + to);
        }
        if (freezes.isEmpty() && !outsideWindows) {
            throw new IllegalArgumentException("a closed period needs a freeze or a window that closes it");
        }
        this.from = from;
        this.to = to;
        this.freezes = List.copyOf(freezes);
        this.outsideWindows = outsideWindows;
    }

    public Instant from() {
        return from;
    }

    /** The first instant the system is open again. */
    public Instant to() {
        return to;
    }

    /** The freezes in the period, by name, in the order they are met; empty when only the windows close it. */
    public List<String> freezes() {
        return freezes;
    }

    public boolean outsideWindows() {
        return outsideWindows;
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    /** What closes the system, for messages: "freeze 'christmas' and outside its deployment windows". */
    public String describe() {
        List<String> causes = new ArrayList<>();
        if (!freezes.isEmpty()) {
            causes.add((freezes.size() == 1 ? "freeze " : "freezes ") + "'" + String.join("', '", freezes) + "'");
        }
        if (outsideWindows) {
            causes.add("outside its deployment windows");
        }
        return String.join(" and ", causes);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClosedPeriod)) {
            return false;
        }
        ClosedPeriod that = (ClosedPeriod) o;
        return from.equals(that.from) && to.equals(that.to) && freezes.equals(that.freezes)
                && outsideWindows == that.outsideWindows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, freezes, outsideWindows);
    }

    @Override
    public String toString() {
        return "closed [" + from + ", " + to + "): " + describe();
    }
}
