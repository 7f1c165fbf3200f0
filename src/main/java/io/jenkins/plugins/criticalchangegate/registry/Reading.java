package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Duration;
import java.util.List;

/**
 * One reading of one registry document: its problems, the shared readers of values and keys that report to them,
 * and the settings it is read with. Made afresh for each document; every reader of the format keeps it.
 */
final class Reading {
    final Problems problems;
    final NodeValues values;
    final KnownKeys keys;
    /**
     * The longest approvalTimeout accepted: the format's own 365d, or less when the administrator of this Jenkins
     * set a shorter maximum (issue 7).
     */
    final Duration maxTimeout;

    /** @param homes where each key of the format belongs, for the hint given with an unknown key */
    Reading(String source, List<KnownKeys.Home> homes, Duration maxTimeout) {
        this.problems = new Problems(source);
        this.values = new NodeValues(problems);
        this.keys = new KnownKeys(problems, homes);
        this.maxTimeout = maxTimeout;
    }
}
