package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RegistryKeeper} says, in one place: to the system log, in a {@link RefreshResult}, and to a gate that
 * fails closed. Administrators read these lines to find out what to fix, so each names the source and the problem.
 */
final class KeeperMessages {
    private KeeperMessages() {
    }

    /** What gates do meanwhile: decide with the registry in use, or fail closed without one. */
    static String stillUsing(@CheckForNull LoadedRegistry current) {
        return current == null ? "no registry is in use: every criticalChangeGate fails closed"
                : "still using " + current.version();
    }

    /** {@code SOURCE: not a valid registry (N problems): } and the first few problems. */
    static String invalid(String source, RegistryException e) {
        int count = e.problems().size();
        return source + ": not a valid registry (" + Counted.of(count, "problem") + "): "
                + LastKnownGoodStore.summary(e.problems());
    }

    /** Every problem, one {@code SOURCE:LINE:COLUMN: message} each. */
    static List<String> problems(RegistryException e) {
        List<String> problems = new ArrayList<>();
        for (RegistryProblem p : e.problems()) {
            problems.add(p.toString());
        }
        return problems;
    }

    /** The registry in use breaks options that were just set. */
    static String dropped(LoadedRegistry current, RegistryException e) {
        return "the registry in use (" + current.version() + ") is not valid under the new settings: "
                + LastKnownGoodStore.summary(e.problems());
    }

    static String superseded() {
        return "the registry source or its options changed during this refresh; its result was discarded and the next"
                + " refresh uses the new configuration";
    }

    /** A message that starts with the source's name, without it (the log line names the source already). */
    static String withoutPrefix(String message, String name) {
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    /** Why there is no registry to decide with: the source, the last failure and its age, and where to look. */
    static String unavailable(KeeperState s, Instant now) {
        RegistryStatus.Failure failure = s.failure;
        String why = failure != null
                ? " Last failure (" + RegistryStatus.age(failure.at(), now) + " ago, failing for "
                        + RegistryStatus.age(failure.since(), now) + "): " + sentence(failure.message())
                : s.lastChecked == null ? " The source has not been read yet." : "";
        return "no registry of critical systems has been loaded from " + s.source.describe() + ", so this gate fails"
                + " closed (unknownSystems does not apply without a registry)." + why + " An administrator can check"
                + " the registry in Manage Jenkins → System → Critical change gate.";
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}
