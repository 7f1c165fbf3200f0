package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns a wall-clock time in a time zone into one instant, the same way for every time rule (docs/registry.md,
 * "Daylight saving time"): a time the clocks skip (spring forward) means the moment they jump, the first instant
 * after the gap; a time they show twice (fall back) means its first occurrence, at the earlier offset.
 * {@code ZonedDateTime.of} would move a skipped time later by the gap's length (02:30 becomes 03:30), which would make
 * a window that starts at 02:30 open half an hour after the hour the clocks jump to.
 */
final class WallClock {
    private WallClock() {
    }

    static Instant instant(LocalDate date, LocalTime time, ZoneId zone) {
        return instant(date.atTime(time), zone);
    }

    static Instant instant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // in an overlap the valid offsets are listed earlier offset first; otherwise there is exactly one
        return local.toInstant(rules.getValidOffsets(local).get(0));
    }
}
