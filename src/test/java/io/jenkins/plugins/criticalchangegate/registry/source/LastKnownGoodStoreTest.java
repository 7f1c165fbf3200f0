package io.jenkins.plugins.criticalchangegate.registry.source;

import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.ONE_SYSTEM;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.TWO_SYSTEMS;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LastKnownGoodStoreTest {
    private static final Instant LOADED = Instant.parse("2026-11-20T08:30:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static LoadedRegistry loaded(String text, String source) throws Exception {
        return LoadedRegistry.parse(utf8(text), source, LOADED, ParseOptions.defaults());
    }

    private LastKnownGoodStore store() {
        return new LastKnownGoodStore(tmp.getRoot().toPath().resolve("critical-change-gate").resolve("registry"));
    }

    @Test
    public void isEmptyWhenNothingWasEverStored() throws Exception {
        assertThat(store().load(ParseOptions.defaults()), is(Optional.empty()));
    }

    @Test
    public void givesBackWhatWasSavedWithItsShaLoadTimeAndSource() throws Exception {
        LastKnownGoodStore store = store();
        LoadedRegistry saved = loaded(TWO_SYSTEMS, "https://registry.example.com/r.yaml");
        store.save(saved);

        LoadedRegistry back = store.load(ParseOptions.defaults()).orElseThrow();
        assertThat(back.sha256(), is(saved.sha256()));
        assertThat(back.loadedAt(), is(LOADED));
        assertThat(back.source(), is("https://registry.example.com/r.yaml"));
        assertThat(back.registry().size(), is(2));
        assertThat(back.version(), is("sha256:" + saved.sha256().substring(0, 12)
                + " loaded 2026-11-20T08:30:00Z from https://registry.example.com/r.yaml"));
    }

    @Test
    public void keepsASourceNameWithLineBreaksAndBackslashesOnOneHeaderLine() throws Exception {
        LastKnownGoodStore store = store();
        String odd = "file C:\\registry\\r.yaml\nsecond line\r";
        store.save(loaded(ONE_SYSTEM, odd));
        assertThat(store.load(ParseOptions.defaults()).orElseThrow().source(), is(odd));
    }

    @Test
    public void refusesACopyWhoseBytesWereAltered() throws Exception {
        LastKnownGoodStore store = store();
        store.save(loaded(ONE_SYSTEM, "inline registry"));
        String text = Files.readString(store.file(), StandardCharsets.UTF_8);
        // same length, one system's approvers widened: exactly what an attacker with disk access would try
        Files.writeString(store.file(), text.replace("[checkout-leads, sre-oncall]", "[checkout-leads, mallory-xx]"),
                StandardCharsets.UTF_8);
        SourceException e = assertThrows(SourceException.class, () -> store.load(ParseOptions.defaults()));
        assertThat(e.getMessage(), is("the last known good registry " + store.file() + " does not match its"
                + " recorded SHA-256 (damaged or altered on disk), so it is not used"));
    }

    @Test
    public void refusesACopyWithCorruptOrMissingMetadata() throws Exception {
        LastKnownGoodStore store = store();
        store.save(loaded(ONE_SYSTEM, "inline registry"));
        String good = Files.readString(store.file(), StandardCharsets.UTF_8);
        String sha = LoadedRegistry.sha256(utf8(ONE_SYSTEM));
        List<String> corruptions = List.of(
                good.replace("sha256: " + sha, "sha256: not-a-hash"),
                good.replace("loadedAt: 2026-11-20T08:30:00Z", "loadedAt: yesterday"),
                good.replaceFirst("source: [^\n]*\n", ""),
                good.replace("length: ", "length: 1"),
                good.substring(0, good.length() - 10),
                good + "extra: appended\n",
                good.replace(LastKnownGoodStore.MAGIC, "some other file"),
                ONE_SYSTEM,
                "");
        List<String> messages = new ArrayList<>();
        for (String corrupt : corruptions) {
            Files.writeString(store.file(), corrupt, StandardCharsets.UTF_8);
            messages.add(assertThrows(SourceException.class, () -> store.load(ParseOptions.defaults())).getMessage());
        }
        String prefix = "the last known good registry " + store.file() + " is corrupt: ";
        assertThat(messages, contains(
                is(prefix + "its sha256 is not 64 lower-case hex digits; it is not used"),
                is(prefix + "its loadedAt is not an ISO-8601 instant; it is not used"),
                is(prefix + "its header has no source; it is not used"),
                containsString("bytes of registry, its header says 1"),
                containsString("(truncated or appended to)"),
                containsString("(truncated or appended to)"),
                is(prefix + "it does not start with '" + LastKnownGoodStore.MAGIC + "'; it is not used"),
                anyOf(containsString("it has no header"), containsString("does not start with")),
                containsString("it has no header")));
    }

    @Test
    public void refusesACopyThatNoLongerValidatesWithTodaysOptions() throws Exception {
        LastKnownGoodStore store = store();
        store.save(loaded(TWO_SYSTEMS, "file /etc/registry.yaml"));
        SourceException e = assertThrows(SourceException.class,
                () -> store.load(ParseOptions.defaults().withMaxApprovalTimeout(Duration.ofDays(14))));
        assertThat(e.getMessage(), is("the last known good registry " + store.file() + " (sha256:"
                + LoadedRegistry.sha256(utf8(TWO_SYSTEMS)).substring(0, 12) + " from file /etc/registry.yaml) is no"
                + " longer valid: file /etc/registry.yaml:18:22: approvalTimeout '30d' is longer than 14d, the"
                + " longest this Jenkins allows (Manage Jenkins → System → Critical change gate)"));
    }

    @Test
    public void removesTemporaryFilesAbandonedByAnInterruptedSaveButNotRecentOnes() throws Exception {
        LastKnownGoodStore store = store();
        Path dir = store.file().getParent();
        Files.createDirectories(dir);
        Path abandoned = dir.resolve(LastKnownGoodStore.TEMPORARY_PREFIX + "123.tmp");
        Path recent = dir.resolve(LastKnownGoodStore.TEMPORARY_PREFIX + "456.tmp");
        Files.writeString(abandoned, "half a registry", StandardCharsets.UTF_8);
        Files.writeString(recent, "a save in progress", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        store.save(loaded(ONE_SYSTEM, "inline registry"));
        assertThat(Files.exists(abandoned), is(false));
        assertThat(Files.exists(recent), is(true));
    }

    @Test
    public void replacesTheCopyAtomicallySoAReaderSeesTheOldOrTheNewNeverAMix() throws Exception {
        LastKnownGoodStore store = store();
        LoadedRegistry one = loaded(ONE_SYSTEM, "inline registry");
        LoadedRegistry two = loaded(TWO_SYSTEMS, "inline registry");
        store.save(one);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                while (writing.get()) {
                    LoadedRegistry seen = store.load(ParseOptions.defaults()).orElseThrow();
                    String sha = seen.sha256();
                    if (!(sha.equals(one.sha256()) && seen.registry().size() == 1
                            || sha.equals(two.sha256()) && seen.registry().size() == 2)) {
                        throw new AssertionError("a mixed copy: " + seen);
                    }
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                synchronized (failures) {
                    failures.add(t);
                }
            }
        }, "store-reader");
        reader.start();
        try {
            for (int i = 0; i < 150; i++) {
                if (i % 2 == 0) {
                    store.save(two);
                } else {
                    store.save(one);
                }
            }
        } finally {
            writing.set(false);
            reader.join(30_000);
        }
        synchronized (failures) {
            assertThat(failures.toString(), failures, is(empty()));
        }
        assertThat(reads.get(), greaterThan(0));
        assertThat(store.load(ParseOptions.defaults()).orElseThrow().sha256(), is(one.sha256()));
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat("no temporary file is left behind", files.map(p -> p.getFileName().toString())
                    .collect(Collectors.toList()), contains(LastKnownGoodStore.FILE_NAME));
        }
    }
}
