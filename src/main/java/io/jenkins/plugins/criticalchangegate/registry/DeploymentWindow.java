package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the systems it selects may take changes: on the listed days of the week, from {@code from} to {@code to},
 * wall-clock times in {@code zone}. A system with windows takes changes only inside one of them; outside, its gates
 * are held until the next one opens (docs/registry.md, "Deployment windows").
 *
 * <p>A window whose {@code to} is not after its {@code from} crosses midnight and belongs to the day it starts:
 * {@code days: [fri], from: "22:00", to: "02:00"} is Friday 22:00 to Saturday 02:00; {@code to: "24:00"} is the end
 * of the day. Each wall-clock time is one instant, as {@link WallClock} resolves it: in a skipped hour the moment the
 * clocks jump, in a repeated hour its first occurrence. So a window never opens twice in one day, a window inside a
 * skipped hour does not open that day, and one that spans a transition is as long as the clocks really ran. An
 * immutable value.
 */
public final class DeploymentWindow {
    /** A week and a day: every occurrence that could contain or follow an instant starts within this many days. */
    private static final int SEARCH_DAYS = 15;

    @CheckForNull
    private final String name;
    private final Set<DayOfWeek> days;
    private final LocalTime from;
    private final LocalTime to;
    private final ZoneId zone;
    private final SystemSelection systems;

    /**
     * @param name how messages call it, or {@code null}
     * @param to the end; not after {@code from} means on the next day ({@code 00:00} for "24:00")
     * @throws IllegalArgumentException when no day is listed
     */
    public DeploymentWindow(@CheckForNull String name, Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone,
            SystemSelection systems) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a deployment window needs at least one day");
        }
        this.name = name;
        this.days = Set.copyOf(EnumSet.copyOf(days));
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.zone = Objects.requireNonNull(zone);
        this.systems = Objects.requireNonNull(systems);
    }

    /** The window's name, if it has one. */
    @CheckForNull
    public String name() {
        return name;
    }

    public Set<DayOfWeek> days() {
        return days;
    }

    public LocalTime from() {
        return from;
    }

    public LocalTime to() {
        return to;
    }

    public ZoneId zone() {
        return zone;
    }

    public SystemSelection systems() {
        return systems;
    }

    private boolean endsNextDay() {
        return !to.isAfter(from);
    }

    /** The window's start on that date, or {@code null} when it does not open that day (not listed, or skipped). */
    @CheckForNull
    private Instant startOn(LocalDate date) {
        Instant start = WallClock.instant(date, from, zone);
        return days.contains(date.getDayOfWeek()) && start.isBefore(endOn(date)) ? start : null;
    }

    private Instant endOn(LocalDate date) {
        return WallClock.instant(endsNextDay() ? date.plusDays(1) : date, to, zone);
    }

    public boolean contains(Instant instant) {
        return coverEnd(instant) != null;
    }

    /** The end of the occurrence that contains the instant (the later one, if two do); {@code null} if none does. */
    @CheckForNull
    Instant coverEnd(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        Instant end = null;
        // an occurrence lasts at most a day (25 hours when the clocks fall back): only yesterday's can reach today
        for (LocalDate d = date.minusDays(1); !d.isAfter(date); d = d.plusDays(1)) {
            Instant start = startOn(d);
            if (start != null && !instant.isBefore(start) && instant.isBefore(endOn(d))
                    && (end == null || endOn(d).isAfter(end))) {
                end = endOn(d);
            }
        }
        return end;
    }

    /**
     * The first start of the window at or after the instant.
     *
     * @throws IllegalStateException if it never opens in the next two weeks, which a window with a listed day cannot
     *     do (only one hour a year is skipped)
     */
    Instant nextStart(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        for (LocalDate d = date.minusDays(1); d.isBefore(date.plusDays(SEARCH_DAYS)); d = d.plusDays(1)) {
            Instant start = startOn(d);
            if (start != null && !start.isBefore(instant)) {
                return start;
            }
        }
        throw new IllegalStateException(this + " does not open within " + SEARCH_DAYS + " days of " + instant);
    }

    /** As messages name it: {@code window 'business-hours'}, or its days and hours. */
    public String describe() {
        if (name != null) {
            return "window '" + name + "'";
        }
        String dayNames = EnumSet.copyOf(days).stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
        return "window " + dayNames + " " + from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString())
                + " " + zone;
    }

    @Override
    public String toString() {
        return describe() + " on " + systems;
    }
}
