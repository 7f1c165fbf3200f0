package io.jenkins.plugins.criticalchangegate.registry.source;

import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.ONE_SYSTEM;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.TWO_SYSTEMS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The administrator changes the options (the maximum approval timeout): the registry in use is validated again, and a
 * source whose last load failed is read again.
 *
 * <p>Most often the options and the source change in one save. Jenkins sets them one at a time, and the source first:
 * Stapler binds the form in the form's order ({@code registry} is above {@code maxApprovalTimeoutDays}), and JCasC
 * sets the attributes in the order of a HashSet of their names, where {@code registry} also comes first. So the new
 * registry is read under the old options, refused, and only then do the options change.
 */
public class RegistryKeeperOptionsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    /** What the periodic refresh asks an inline source with: its text changes only when the configuration is saved. */
    private static final Duration INLINE_INTERVAL = Duration.ofDays(3650);
    /** How often the periodic refresh runs in Jenkins. */
    private static final Duration TICK = Duration.ofSeconds(30);
    private static final String MAX_14D = "is longer than 14d, the longest this Jenkins allows (Manage Jenkins → System"
            + " → Critical change gate)";
    private static final ParseOptions FORTNIGHT = ParseOptions.defaults().withMaxApprovalTimeout(Duration.ofDays(14));
    private static final ParseOptions MONTH = ParseOptions.defaults().withMaxApprovalTimeout(Duration.ofDays(30));
    /** checkout-service (7d) only; anything else passes as not critical. */
    private static final String ONE_ALLOW = ONE_SYSTEM.replace("unknownSystems: deny", "unknownSystems: allow");
    /** checkout-service and payments-ledger, which asks for 30d. */
    private static final String TWO_ALLOW = TWO_SYSTEMS.replace("unknownSystems: deny", "unknownSystems: allow");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final SettableClock clock = new SettableClock(T0);
    private Path file;
    private LastKnownGoodStore store;

    @Before
    public void paths() {
        file = tmp.getRoot().toPath().resolve("registry.yaml");
        Path dir = tmp.getRoot().toPath().resolve("jenkins-home").resolve("critical-change-gate").resolve("registry");
        store = new LastKnownGoodStore(dir);
    }

    private RegistryKeeper fileKeeper(ParseOptions options) {
        return new RegistryKeeper(new FileSource(file), store, options, clock);
    }

    private void write(String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Resolution.Kind paymentsLedger(RegistryKeeper keeper) throws RegistryUnavailableException {
        return keeper.current().registry().resolve("payments-ledger", "payments/deploy").kind();
    }

    /** A registry in use that asks for more than a lowered maximum is no longer used, nor restored after a restart. */
    @Test
    public void aLoweredMaximumApprovalTimeoutMakesARegistryInvalid() throws Exception {
        write(TWO_SYSTEMS); // payments-ledger asks for 30d
        RegistryKeeper keeper = fileKeeper(ParseOptions.defaults());
        keeper.refresh();
        assertThat(keeper.current().registry().size(), is(2));

        ParseOptions fortnight = ParseOptions.defaults().withMaxApprovalTimeout(Duration.ofDays(14));
        keeper.setOptions(fortnight);
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, keeper::current);
        assertThat(e.getMessage(), containsString("is not valid under the new settings: file " + file
                + ":18:22: approvalTimeout '30d' " + MAX_14D));

        RefreshResult refreshed = keeper.refresh();
        assertThat(refreshed.kind(), is(RefreshResult.Kind.FAILED));
        assertThat(refreshed.problems(), contains("file " + file + ":18:22: approvalTimeout '30d' " + MAX_14D));

        // and after a restart with the lower maximum, the stored copy does not come back either
        RegistryKeeper restarted = fileKeeper(fortnight);
        restarted.restore();
        assertThat(assertThrows(RegistryUnavailableException.class, restarted::current).getMessage(),
                containsString("is no longer valid: file " + file + ":18:22: approvalTimeout '30d' " + MAX_14D));

        // a registry within the maximum loads
        write(ONE_SYSTEM);
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.LOADED));
        assertThat(keeper.current().registry().size(), is(1));
    }

    /**
     * One save lists payments-ledger (30d) and raises the maximum from 14 to 30 days. The registry that lists it must
     * be in use after the save, or payments-ledger keeps passing as not critical under {@code unknownSystems: allow}.
     */
    @Test
    public void anInlineRegistryRefusedUnderTheOldMaximumIsInUseOnceTheMaximumIsRaised() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(ONE_ALLOW), store, FORTNIGHT, clock);
        keeper.refresh();
        assertThat(paymentsLedger(keeper), is(Resolution.Kind.NOT_CRITICAL));

        clock.advance(Duration.ofMinutes(5));
        keeper.setSource(new InlineSource(TWO_ALLOW)); // setRegistry: loads at once, under the old maximum
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.FAILED));
        keeper.setOptions(MONTH); // setMaxApprovalTimeoutDays
        clock.advance(TICK);
        keeper.refreshIfDue(INLINE_INTERVAL); // the configuration after setOptions, and RegistryRefresh every 30 s

        assertThat(paymentsLedger(keeper), is(Resolution.Kind.CRITICAL));
        assertThat(keeper.status().lastFailure(), is(Optional.empty()));
        assertThat(keeper.current().registry().size(), is(2));
    }

    /** A new controller configured as code: nothing in the store, so the refused registry left no registry at all. */
    @Test
    public void aNewControllerDoesNotFailClosedWhenItsRegistryNeedsTheRaisedMaximum() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(""), store, FORTNIGHT, clock);
        keeper.restore();
        keeper.setSource(new InlineSource(TWO_ALLOW));
        keeper.refresh();
        keeper.setOptions(MONTH);
        clock.advance(TICK);
        keeper.refreshIfDue(INLINE_INTERVAL);

        assertThat(paymentsLedger(keeper), is(Resolution.Kind.CRITICAL));
        assertThat(store.load(MONTH).orElseThrow().registry().size(), is(2));
    }

    /**
     * Lowering the maximum drops the registry in use (gates fail closed); raising it again must bring the inline
     * registry back without a restart, as nothing else ever reads an inline source again.
     */
    @Test
    public void raisingTheMaximumAgainBringsBackTheRegistryALowerOneDropped() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(TWO_ALLOW), store, MONTH, clock);
        keeper.refresh();
        assertThat("dropped by the change itself: reading it again would refuse it again", keeper.setOptions(FORTNIGHT),
                is(false));
        assertThat(keeper.status().current(), is(Optional.empty()));

        assertThat(keeper.setOptions(MONTH), is(true));
        clock.advance(TICK);
        keeper.refreshIfDue(INLINE_INTERVAL);
        assertThat(paymentsLedger(keeper), is(Resolution.Kind.CRITICAL));
    }

    /**
     * Any source refused under the old options is due at once when they change, whatever its own interval: a URL asked
     * every 24 hours is asked again at the next run of the refresh, not a day later.
     */
    @Test
    public void aSourceThatFailedIsDueAtOnceWhenTheOptionsChange() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(TWO_ALLOW), store, FORTNIGHT, clock);
        Duration daily = Duration.ofDays(1);
        assertThat(keeper.refreshIfDue(daily).orElseThrow().kind(), is(RefreshResult.Kind.FAILED));
        clock.advance(TICK);
        assertThat("failed a moment ago: not due", keeper.refreshIfDue(daily), is(Optional.empty()));

        assertThat("the caller is told to have it read soon", keeper.setOptions(MONTH), is(true));
        assertThat(keeper.refreshIfDue(daily).orElseThrow().kind(), is(RefreshResult.Kind.LOADED));
        assertThat("due once, not at every run", keeper.refreshIfDue(daily), is(Optional.empty()));
    }

    /** Options that the registry in use already meets cost no extra read of its source. */
    @Test
    public void newOptionsWithoutAFailureDoNotMakeTheSourceDue() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(ONE_ALLOW), store, FORTNIGHT, clock);
        keeper.refresh();
        clock.advance(TICK);
        assertThat(keeper.setOptions(MONTH), is(false));
        assertThat(keeper.refreshIfDue(Duration.ofDays(1)), is(Optional.empty()));
        assertThat(keeper.current().registry().size(), is(1));
    }
}
