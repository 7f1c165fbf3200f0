package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.Test;

/**
 * Deployment windows and the wall-clock rule, with the real 2026 transitions of the time zone database:
 * Europe/Berlin springs forward on 29 March (02:00 CET to 03:00 CEST, 01:00Z) and falls back on 25 October (03:00 CEST
 * to 02:00 CET, 01:00Z); America/New_York on 8 March (02:00 EST to 03:00 EDT, 07:00Z) and 1 November (02:00 EDT to
 * 01:00 EST, 06:00Z).
 */
public class DeploymentWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static DeploymentWindow window(ZoneId zone, String from, String to, DayOfWeek... days) {
        return new DeploymentWindow(null, EnumSet.of(days[0], days), LocalTime.parse(from), LocalTime.parse(to), zone,
                SystemSelection.all());
    }

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    public void aSkippedWallClockTimeIsTheMomentTheClocksJump() {
        assertThat(WallClock.instant(LocalDateTime.parse("2026-03-29T02:30"), BERLIN), is(utc("2026-03-29T01:00:00Z")));
        assertThat(WallClock.instant(LocalDateTime.parse("2026-03-08T02:15"), NEW_YORK), is(utc("2026-03-08T07:00:00Z")));
        // not ZonedDateTime's "later by the gap's length", which would be 03:30 CEST
        assertThat(WallClock.instant(LocalDateTime.parse("2026-03-29T03:30"), BERLIN), is(utc("2026-03-29T01:30:00Z")));
    }

    @Test
    public void aRepeatedWallClockTimeIsItsFirstOccurrence() {
        assertThat(WallClock.instant(LocalDateTime.parse("2026-10-25T02:30"), BERLIN), is(utc("2026-10-25T00:30:00Z")));
        assertThat(WallClock.instant(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK), is(utc("2026-11-01T05:30:00Z")));
        assertThat(WallClock.instant(LocalDate.parse("2026-03-29"), LocalTime.MIDNIGHT, BERLIN),
                is(utc("2026-03-28T23:00:00Z")));
    }

    @Test
    public void aWindowOverTheSpringForwardLastsAsLongAsTheClocksRan() {
        DeploymentWindow sunday = window(BERLIN, "01:00", "04:00", DayOfWeek.SUNDAY);
        assertThat(sunday.contains(utc("2026-03-28T23:59:59Z")), is(false));
        assertThat(sunday.contains(utc("2026-03-29T00:00:00Z")), is(true)); // 01:00 CET
        assertThat(sunday.contains(utc("2026-03-29T01:59:59Z")), is(true)); // 03:59:59 CEST
        assertThat(sunday.contains(utc("2026-03-29T02:00:00Z")), is(false)); // 04:00 CEST: two real hours
        // and over the fall back, four
        assertThat(sunday.contains(utc("2026-10-24T22:59:59Z")), is(false));
        assertThat(sunday.contains(utc("2026-10-24T23:00:00Z")), is(true)); // 01:00 CEST
        assertThat(sunday.contains(utc("2026-10-25T02:59:59Z")), is(true)); // 03:59:59 CET
        assertThat(sunday.contains(utc("2026-10-25T03:00:00Z")), is(false));
    }

    @Test
    public void aWindowThatStartsInTheSkippedHourOpensWhenTheClocksJump() {
        DeploymentWindow sunday = window(BERLIN, "02:30", "05:00", DayOfWeek.SUNDAY);
        assertThat(sunday.nextStart(utc("2026-03-28T12:00:00Z")), is(utc("2026-03-29T01:00:00Z")));
        assertThat(sunday.contains(utc("2026-03-29T00:59:59Z")), is(false));
        assertThat(sunday.contains(utc("2026-03-29T01:00:00Z")), is(true));
        assertThat(sunday.nextStart(utc("2026-04-04T12:00:00Z")), is(utc("2026-04-05T00:30:00Z")));
    }

    @Test
    public void aWindowInsideTheSkippedHourDoesNotOpenThatDay() {
        DeploymentWindow sunday = window(BERLIN, "02:10", "02:50", DayOfWeek.SUNDAY);
        assertThat(sunday.nextStart(utc("2026-03-28T12:00:00Z")), is(utc("2026-04-05T00:10:00Z")));
        assertThat(sunday.contains(utc("2026-03-29T01:00:00Z")), is(false));
    }

    @Test
    public void theRepeatedHourBelongsToAWindowOnce() {
        DeploymentWindow early = window(NEW_YORK, "01:00", "01:45", DayOfWeek.SUNDAY);
        assertThat(early.contains(utc("2026-11-01T05:00:00Z")), is(true)); // 01:00 EDT
        assertThat(early.contains(utc("2026-11-01T05:44:59Z")), is(true));
        assertThat(early.contains(utc("2026-11-01T05:45:00Z")), is(false));
        assertThat(early.contains(utc("2026-11-01T06:30:00Z")), is(false)); // 01:30 EST, the second pass
        // the window opens once that day: its next start is a week later
        assertThat(early.nextStart(utc("2026-11-01T05:45:00Z")), is(utc("2026-11-08T06:00:00Z")));
    }

    @Test
    public void aWindowThatCrossesMidnightBelongsToTheDayItStarts() {
        DeploymentWindow fridayNight = window(BERLIN, "22:00", "02:00", DayOfWeek.FRIDAY);
        assertThat(fridayNight.contains(utc("2026-03-06T20:59:59Z")), is(false)); // Fri 21:59 CET
        assertThat(fridayNight.contains(utc("2026-03-06T21:00:00Z")), is(true)); // Fri 22:00
        assertThat(fridayNight.contains(utc("2026-03-07T00:30:00Z")), is(true)); // Sat 01:30, Friday's window
        assertThat(fridayNight.contains(utc("2026-03-07T01:00:00Z")), is(false)); // Sat 02:00
        assertThat(fridayNight.contains(utc("2026-03-07T21:30:00Z")), is(false)); // Sat 22:30: not a listed day
        assertThat(fridayNight.contains(utc("2026-03-05T23:30:00Z")), is(false)); // Fri 00:30: Thursday's, not listed
        assertThat(fridayNight.nextStart(utc("2026-03-07T01:00:00Z")), is(utc("2026-03-13T21:00:00Z")));
    }

    @Test
    public void aWindowThatCrossesMidnightAndTheSpringForwardIsAnHourShorter() {
        DeploymentWindow saturdayNight = window(BERLIN, "22:00", "04:00", DayOfWeek.SATURDAY);
        assertThat(saturdayNight.contains(utc("2026-03-28T21:00:00Z")), is(true)); // Sat 22:00 CET
        assertThat(saturdayNight.contains(utc("2026-03-29T01:59:59Z")), is(true)); // Sun 03:59:59 CEST
        assertThat(saturdayNight.contains(utc("2026-03-29T02:00:00Z")), is(false)); // Sun 04:00 CEST: 5 real hours
    }

    @Test
    public void toAt2400IsTheEndOfTheDay() {
        DeploymentWindow monday = new DeploymentWindow("all-monday", Set.of(DayOfWeek.MONDAY), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, BERLIN, SystemSelection.all());
        assertThat(monday.contains(utc("2026-03-01T23:00:00Z")), is(true)); // Mon 00:00 CET
        assertThat(monday.contains(utc("2026-03-02T22:59:59Z")), is(true)); // Mon 23:59:59
        assertThat(monday.contains(utc("2026-03-02T23:00:00Z")), is(false)); // Tue 00:00
        assertThat(monday.describe(), is("window 'all-monday'"));
    }

    @Test
    public void theNextStartIsAtOrAfterTheInstantAcrossTheWeek() {
        DeploymentWindow weekdays = window(BERLIN, "09:00", "17:00", DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Instant fridayEvening = utc("2026-03-06T17:00:00Z"); // Fri 18:00 CET
        assertThat(weekdays.contains(fridayEvening), is(false));
        assertThat(weekdays.nextStart(fridayEvening), is(utc("2026-03-09T08:00:00Z"))); // Mon 09:00 CET
        assertThat(weekdays.nextStart(utc("2026-03-09T08:00:00Z")), is(utc("2026-03-09T08:00:00Z")));
        // over the spring forward, 09:00 is an hour earlier in UTC
        assertThat(weekdays.nextStart(utc("2026-03-27T16:00:00Z")), is(utc("2026-03-30T07:00:00Z")));
        assertThat(Duration.between(utc("2026-03-30T07:00:00Z"), weekdays.coverEnd(utc("2026-03-30T07:00:00Z"))),
                is(Duration.ofHours(8)));
        assertThat(weekdays.describe(), is("window mon,tue,wed,thu,fri 09:00-17:00 Europe/Berlin"));
    }
}
