package io.jenkins.plugins.criticalchangegate.registry.source;

import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.INVALID;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.ONE_SYSTEM;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.TWO_SYSTEMS;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryKeeperTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final SettableClock clock = new SettableClock(T0);
    private Path file;
    private Path storeDir;

    @Before
    public void paths() {
        file = tmp.getRoot().toPath().resolve("registry.yaml");
        storeDir = tmp.getRoot().toPath().resolve("jenkins-home").resolve("critical-change-gate").resolve("registry");
    }

    private RegistryKeeper keeper(ParseOptions options) {
        return new RegistryKeeper(new FileSource(file), new LastKnownGoodStore(storeDir), options, clock);
    }

    private void write(String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    public void failsClosedWhenNoGoodRegistryWasEverLoaded() throws Exception {
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        keeper.restore(); // an empty store: nothing to restore, nothing to complain about
        assertThat(keeper.status().lastFailure(), is(Optional.empty()));
        RegistryUnavailableException never = assertThrows(RegistryUnavailableException.class, keeper::current);
        assertThat(never.getMessage(), is("no registry of critical systems has been loaded from file " + file
                + ", so this gate fails closed (unknownSystems does not apply without a registry). The source has not"
                + " been read yet. An administrator can check the registry in Manage Jenkins → System → Critical"
                + " change gate."));

        RefreshResult missing = keeper.refresh();
        assertThat(missing.kind(), is(RefreshResult.Kind.FAILED));
        assertThat(missing.loaded(), is(Optional.empty()));
        assertThat(missing.summary(), is("file " + file + ": no such file; no registry is in use: every"
                + " criticalChangeGate fails closed"));

        write(INVALID);
        clock.advance(Duration.ofMinutes(3));
        RefreshResult invalid = keeper.refresh();
        assertThat(invalid.problems(), contains(startsWith("file " + file + ":2:17: unknownSystems must be 'allow' or"
                + " 'deny', not 'maybe'")));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, keeper::current);
        assertThat(e.getMessage(), startsWith("no registry of critical systems has been loaded from file " + file
                + ", so this gate fails closed (unknownSystems does not apply without a registry). Last failure (0 s"
                + " ago, failing for 3 min): file " + file + ": not a valid registry (1 problem): file " + file
                + ":2:17: unknownSystems must be 'allow' or 'deny', not 'maybe'"));
        assertThat(keeper.status().describe(clock.instant()).get(0), is("in use: none: every criticalChangeGate"
                + " fails closed until a registry loads from file " + file));
    }

    @Test
    public void aSourceThatTurnsInvalidKeepsThePreviousRegistryAndRecordsTheFailureUntilItRecovers()
            throws Exception {
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        write(ONE_SYSTEM);
        RefreshResult loaded = keeper.refresh();
        assertThat(loaded.kind(), is(RefreshResult.Kind.LOADED));
        LoadedRegistry good = keeper.current();
        assertThat(good.loadedAt(), is(T0));
        assertThat(good.sha256(), is(LoadedRegistry.sha256(utf8(ONE_SYSTEM))));

        clock.advance(Duration.ofMinutes(10));
        write(INVALID);
        RefreshResult failed = keeper.refresh();
        assertThat(failed.kind(), is(RefreshResult.Kind.FAILED));
        assertThat(failed.problems(), contains(startsWith("file " + file + ":2:17: unknownSystems")));
        assertThat(failed.summary(), containsString("; still using " + good.version()));
        assertThat("the good one stays in use", keeper.current(), is(good));
        assertThat(keeper.status().lastFailure().orElseThrow().since(), is(T0.plus(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(3));
        Files.delete(file);
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.FAILED));
        RegistryStatus status = keeper.status();
        assertThat(status.lastChecked().orElseThrow(), is(T0.plus(Duration.ofMinutes(13))));
        assertThat(status.describe(clock.instant()), contains(
                "in use: 1 system, sha256:" + good.sha256().substring(0, 12) + ", loaded 2026-11-26T09:00:00Z (13 min"
                        + " ago) from file " + file,
                "failing for 3 min: file " + file + ": no such file (last attempt 0 s ago)",
                "source file " + file + ": last checked 2026-11-26T09:13:00Z (0 s ago)"));
        assertThat(keeper.current(), is(good));

        clock.advance(Duration.ofHours(2));
        write(TWO_SYSTEMS);
        RefreshResult recovered = keeper.refresh();
        assertThat(recovered.kind(), is(RefreshResult.Kind.LOADED));
        assertThat(keeper.status().lastFailure(), is(Optional.empty()));
        assertThat(keeper.current().registry().size(), is(2));
        assertThat(keeper.current().loadedAt(), is(clock.instant()));
        assertThat(keeper.status().describe(clock.instant()).get(0), startsWith("in use: 2 systems, sha256:"));
    }

    @Test
    public void theLastGoodRegistryOutlivesARestartWithItsShaAndLoadTime() throws Exception {
        write(TWO_SYSTEMS);
        RegistryKeeper before = keeper(ParseOptions.defaults());
        before.refresh();
        LoadedRegistry good = before.current();

        // the restart: a new keeper over the same store, and the source is broken meanwhile
        Files.delete(file);
        clock.advance(Duration.ofDays(1));
        RegistryKeeper after = keeper(ParseOptions.defaults());
        assertThrows(RegistryUnavailableException.class, after::current);
        after.restore();
        LoadedRegistry restored = after.current();
        assertThat(restored.sha256(), is(good.sha256()));
        assertThat(restored.loadedAt(), is(good.loadedAt()));
        assertThat(restored.source(), is("file " + file));
        assertThat(restored.registry().size(), is(2));
        assertThat(after.refresh().kind(), is(RefreshResult.Kind.FAILED));
        assertThat(after.current().sha256(), is(good.sha256()));

        // the same bytes back: unchanged, and still loaded when they first were
        write(TWO_SYSTEMS);
        RefreshResult same = after.refresh();
        assertThat(same.kind(), is(RefreshResult.Kind.UNCHANGED));
        assertThat(after.current().loadedAt(), is(T0));
        assertThat(after.status().lastFailure(), is(Optional.empty()));
    }

    @Test
    public void theSameBytesLoadedAgainKeepTheirLoadTimeWhileLastCheckedMovesOn() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(ONE_SYSTEM), new LastKnownGoodStore(storeDir),
                ParseOptions.defaults(), clock);
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.LOADED));
        clock.advance(Duration.ofHours(2));
        RefreshResult again = keeper.refresh();
        assertThat(again.kind(), is(RefreshResult.Kind.UNCHANGED));
        assertThat(keeper.current().loadedAt(), is(T0));
        assertThat(keeper.status().lastChecked().orElseThrow(), is(T0.plus(Duration.ofHours(2))));
        assertThat(keeper.status().describe(clock.instant()).get(0), containsString("loaded 2026-11-26T09:00:00Z"
                + " (2 h ago) from inline registry"));
    }

    /** A periodic schedule asks each source again only once its interval has passed since the last check. */
    @Test
    public void refreshIfDueWaitsForTheIntervalSinceTheLastCheck() throws Exception {
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        write(ONE_SYSTEM);
        Duration interval = Duration.ofMinutes(5);
        assertThat("never checked: due at once", keeper.refreshIfDue(interval).orElseThrow().kind(),
                is(RefreshResult.Kind.LOADED));
        clock.advance(Duration.ofMinutes(4));
        write(TWO_SYSTEMS);
        assertThat(keeper.refreshIfDue(interval), is(Optional.empty()));
        assertThat("not read before it is due", keeper.current().registry().size(), is(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(keeper.refreshIfDue(interval).orElseThrow().kind(), is(RefreshResult.Kind.LOADED));
        assertThat(keeper.current().registry().size(), is(2));

        // a failed check counts as a check: a failing source is asked again at the same pace, not at every tick
        Files.delete(file);
        clock.advance(interval);
        assertThat(keeper.refreshIfDue(interval).orElseThrow().kind(), is(RefreshResult.Kind.FAILED));
        clock.advance(Duration.ofMinutes(1));
        assertThat(keeper.refreshIfDue(interval), is(Optional.empty()));
    }

    @Test
    public void anUntouchedFileIsNotReadAgain() throws Exception {
        write(ONE_SYSTEM);
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        keeper.refresh();
        RefreshResult again = keeper.refresh();
        assertThat(again.kind(), is(RefreshResult.Kind.UNCHANGED));
        assertThat(again.summary(), is("file " + file + ": unchanged; in use: " + keeper.current().version()));
    }

    @Test
    public void aStoreWhoseCopyWasAlteredIsRecordedAndLeavesNoRegistry() throws Exception {
        write(ONE_SYSTEM);
        keeper(ParseOptions.defaults()).refresh();
        LastKnownGoodStore store = new LastKnownGoodStore(storeDir);
        String text = Files.readString(store.file(), StandardCharsets.UTF_8);
        Files.writeString(store.file(), text.replace("unknownSystems: deny", "unknownSystems: allo"),
                StandardCharsets.UTF_8);

        RegistryKeeper restarted = keeper(ParseOptions.defaults());
        restarted.restore(); // never throws
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, restarted::current);
        assertThat(e.getMessage(), containsString("Last failure (0 s ago, failing for 0 s): the last known good"
                + " registry " + store.file() + " does not match its recorded SHA-256 (damaged or altered on disk), so"
                + " it is not used. An administrator can check"));
        assertThat(restarted.status().lastFailure().isPresent(), is(true));

        // the source is good again: it loads, and replaces the bad copy
        assertThat(restarted.refresh().kind(), is(RefreshResult.Kind.LOADED));
        assertThat(store.load(ParseOptions.defaults()).orElseThrow().sha256(),
                is(LoadedRegistry.sha256(utf8(ONE_SYSTEM))));
    }

    @Test
    public void aRegistryThatCannotBeKeptOnDiskIsUsedReportedAndSavedAtTheNextRefresh() throws Exception {
        write(ONE_SYSTEM);
        Files.createDirectories(storeDir.getParent());
        Files.writeString(storeDir, "a file where the store's directory should be", StandardCharsets.UTF_8);
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        RefreshResult loaded = keeper.refresh();
        assertThat(loaded.kind(), is(RefreshResult.Kind.LOADED));
        assertThat(loaded.problems(), contains(startsWith("file " + file + ": loaded, but cannot be kept in "
                + storeDir.resolve("last-known-good.registry") + " for a restart: ")));
        assertThat(keeper.current().registry().size(), is(1));
        assertThat(keeper.status().lastFailure().orElseThrow().message(), containsString("cannot be kept"));

        Files.delete(storeDir);
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.UNCHANGED));
        assertThat(keeper.status().lastFailure(), is(Optional.empty()));
        assertThat(new LastKnownGoodStore(storeDir).load(ParseOptions.defaults()).orElseThrow().sha256(),
                is(keeper.current().sha256()));
    }

    @Test
    public void aNewSourceLeavesTheCurrentRegistryUntilItLoads() throws Exception {
        write(ONE_SYSTEM);
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        keeper.refresh();
        LoadedRegistry good = keeper.current();
        keeper.setSource(new FileSource(tmp.getRoot().toPath().resolve("moved.yaml")));
        assertThat(keeper.current(), is(good));
        assertThat(keeper.refresh().kind(), is(RefreshResult.Kind.FAILED));
        assertThat(keeper.current(), is(good));
        assertThat(keeper.status().source(), is("file " + tmp.getRoot().toPath().resolve("moved.yaml")));
    }

    /**
     * A new source is read at the next run of a periodic schedule, whatever its interval: Jenkins loads a URL in the
     * background after a save, and when that could not even be queued, the schedule is what loads it.
     */
    @Test
    public void aNewSourceIsDueAtOnce() throws Exception {
        write(ONE_SYSTEM);
        RegistryKeeper keeper = keeper(ParseOptions.defaults());
        Duration daily = Duration.ofDays(1);
        keeper.refresh();
        assertThat(keeper.refreshIfDue(daily), is(Optional.empty()));
        keeper.setSource(new InlineSource(TWO_SYSTEMS));
        assertThat(keeper.refreshIfDue(daily).orElseThrow().kind(), is(RefreshResult.Kind.LOADED));
        assertThat(keeper.refreshIfDue(daily), is(Optional.empty()));
    }

    @Test
    public void currentNeverSeesAMissingOrPartialRegistryWhileRefreshesReplaceIt() throws Exception {
        RegistryKeeper keeper = new RegistryKeeper(new InlineSource(ONE_SYSTEM), new LastKnownGoodStore(storeDir),
                ParseOptions.defaults(), clock);
        keeper.refresh();
        String one = LoadedRegistry.sha256(utf8(ONE_SYSTEM));
        String two = LoadedRegistry.sha256(utf8(TWO_SYSTEMS));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                ready.countDown();
                try {
                    while (running.get()) {
                        LoadedRegistry seen = keeper.current();
                        int size = seen.registry().size();
                        if (!(seen.sha256().equals(one) && size == 1 || seen.sha256().equals(two) && size == 2)) {
                            throw new AssertionError("a registry that was never loaded: " + seen);
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }, "gate-" + r);
            readers.add(reader);
            reader.start();
        }
        ready.await();
        int loads = 0;
        try {
            for (int i = 0; i < 60; i++) {
                keeper.setSource(new InlineSource(i % 2 == 0 ? TWO_SYSTEMS : ONE_SYSTEM));
                if (keeper.refresh().kind() == RefreshResult.Kind.LOADED) {
                    loads++;
                }
                keeper.setSource(new InlineSource(INVALID)); // failures in between never remove it
                keeper.refresh();
            }
        } finally {
            running.set(false);
            for (Thread reader : readers) {
                reader.join(30_000);
            }
        }
        synchronized (failures) {
            assertThat(failures.toString(), failures, is(empty()));
        }
        assertThat(loads, is(60));
        assertThat(reads.get(), greaterThan(0));
        assertThat(keeper.current().sha256(), is(one));
        assertThat(keeper.status().lastFailure().isPresent(), is(true));
        assertThat(keeper.current().sha256(), not(is(two)));
    }
}
