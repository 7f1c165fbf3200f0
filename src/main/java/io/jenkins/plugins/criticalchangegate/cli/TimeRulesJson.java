package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ClosedPeriod;
import io.jenkins.plugins.criticalchangegate.registry.Freeze;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The time rules in the tool's JSON ({@code registry show --at}, {@code simulate}): which overlays shaped the policy
 * and which freeze (or closed deployment window) was in force, as {@code applied: {overlays: [...], freeze: ...}};
 * and the {@code --at} instants they are asked for.
 */
final class TimeRulesJson {
    /** What {@code freeze.name} says when no freeze but the deployment windows close the system. */
    static final String OUTSIDE_WINDOWS = "outside-windows";

    private TimeRulesJson() {
    }

    /**
     * An instant as the options take it: ISO-8601 with an offset or {@code Z}, e.g. {@code 2026-03-02T09:00:00+01:00}.
     *
     * @param what how the message names the value, e.g. {@code --at}
     */
    static Instant instant(String text, String what) throws UsageException {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(what + " needs an ISO-8601 instant with an offset or Z, e.g."
                    + " 2026-03-02T09:00:00+01:00 or 2026-03-02T08:00:00Z; got '" + text + "'");
        }
    }

    /** The instant of an option given at most once, if given. */
    static Optional<Instant> option(Arguments arguments, String name) throws UsageException {
        Optional<String> text = arguments.option(name);
        return text.isPresent() ? Optional.of(instant(text.get(), "--" + name)) : Optional.empty();
    }

    /**
     * {@code overlays}: the names of the overlays in force; {@code freeze}: {@code null} when the system takes changes
     * at the instant, else what closes it (see {@link #freeze}). Empty and {@code null} without a requirement (no
     * critical system).
     */
    static Map<String, Object> applied(@CheckForNull TimedRequirement timed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("overlays", timed == null ? List.of() : timed.overlays());
        json.put("freeze", timed == null ? null : freeze(timed));
        return json;
    }

    /**
     * A freeze that refuses the change: {@code name}, {@code mode} {@code deny}, {@code start}, {@code end}. A hold
     * freeze, or the deployment windows, that hold it: {@code name} (the first freeze's, or {@code outside-windows}),
     * {@code mode} {@code hold}, the freeze's {@code start} and {@code end}, {@code heldUntil} (when the system opens
     * again, which later freezes or closed windows may push past the end) and {@code reason}.
     */
    @CheckForNull
    private static Map<String, Object> freeze(TimedRequirement timed) {
        Optional<Freeze> denial = timed.denial();
        if (denial.isPresent()) {
            return freeze(denial.get());
        }
        Optional<ClosedPeriod> closed = timed.closed();
        if (closed.isEmpty()) {
            return null;
        }
        List<Freeze> freezes = timed.freezes();
        Map<String, Object> json = freezes.isEmpty() ? new LinkedHashMap<>() : freeze(freezes.get(0));
        if (freezes.isEmpty()) {
            json.put("name", OUTSIDE_WINDOWS);
            json.put("mode", Freeze.Mode.HOLD.toString());
        }
        json.put("heldUntil", closed.get().to().toString());
        json.put("reason", closed.get().describe());
        return json;
    }

    private static Map<String, Object> freeze(Freeze freeze) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", freeze.name());
        json.put("mode", freeze.mode().toString());
        json.put("start", freeze.start().toString());
        json.put("end", freeze.end().toString());
        return json;
    }
}
