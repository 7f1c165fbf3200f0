package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class DeadlineTest {
    private static final Instant REQUESTED = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    public void isTheRequestTimePlusTheTimeout() {
        Deadline deadline = Deadline.after(REQUESTED, Duration.ofHours(4));
        assertThat(deadline.dueAt(), is(Instant.parse("2026-11-26T14:00:00Z")));
    }

    @Test
    public void afterARestartOnlyTheRemainingTimeIsLeft() {
        Deadline persisted = Deadline.at(Deadline.after(REQUESTED, Duration.ofHours(4)).dueAtMillis());
        Instant restartedAt = REQUESTED.plus(Duration.ofMinutes(150));
        assertThat(persisted.remaining(restartedAt), is(Duration.ofMinutes(90)));
        assertThat(persisted.isDue(restartedAt), is(false));
    }

    @Test
    public void aDeadlinePassedWhileJenkinsWasDownIsDueAtOnce() {
        Deadline deadline = Deadline.after(REQUESTED, Duration.ofMinutes(30));
        Instant restartedAt = REQUESTED.plus(Duration.ofHours(2));
        assertThat(deadline.remaining(restartedAt), is(Duration.ZERO));
        assertThat(deadline.isDue(restartedAt), is(true));
    }

    @Test
    public void theDeadlineItselfIsDue() {
        Deadline deadline = Deadline.after(REQUESTED, Duration.ofSeconds(1));
        assertThat(deadline.isDue(REQUESTED.plusSeconds(1)), is(true));
        assertThat(deadline.isDue(REQUESTED.plusMillis(999)), is(false));
    }

    @Test
    public void anEnormousTimeoutSaturatesInsteadOfOverflowing() {
        Deadline deadline = Deadline.after(REQUESTED, Duration.ofMillis(Long.MAX_VALUE));
        assertThat(deadline.dueAtMillis(), is(Long.MAX_VALUE));
        assertThat(deadline.isDue(REQUESTED.plus(Duration.ofDays(36500))), is(false));
    }

    @Test
    public void aZeroOrNegativeTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Deadline.after(REQUESTED, Duration.ZERO));
        assertThat(e.getMessage(), containsString("must be positive"));
        assertThrows(IllegalArgumentException.class, () -> Deadline.after(REQUESTED, Duration.ofSeconds(-5)));
    }
}
