package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The parallel export (issue 17: {@link ParallelExport}, {@link ExportRows}, {@link InOrderRows}, and
 * {@code --outcome}'s first pass {@link GateEndScan}) gives exactly the one-thread export's bytes and message, with
 * several thread counts and buffers from a few bytes (every line cut across batches, the buffers growing) to the real
 * 4 MiB, and its workers did take the lines; a failed output stops every thread.
 */
public class ParallelExportTest {
    /** Thread counts and buffer sizes. */
    private static final int[][] PARALLEL = {{2, ParallelExport.BUFFER}, {2, 64}, {3, 700}, {4, 4096}, {2, 1 << 20}};
    private static final List<Supplier<JournalQuery.Builder>> QUERIES = List.of(JournalQuery::builder,
            () -> JournalQuery.builder().system("payments"), () -> JournalQuery.builder().user("bob"),
            () -> JournalQuery.builder().outcome("APPROVED"), () -> JournalQuery.builder().outcome("REJECTED")
                    .job("deploy/payments"), () -> JournalQuery.builder().type("DECIDED"));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyThreadCountAndBufferSizeGivesTheOneThreadBytes() throws IOException {
        int compared = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Path dir = tmp.newFolder().toPath();
            int[] kinds = ExportDifferentialTest.generate(dir, new Random(seed), 700);
            assertThat("lines the workers leave", kinds[1], greaterThan(50));
            onlyRecords(dir);
            for (Supplier<JournalQuery.Builder> query : QUERIES) {
                compared += compare(dir, query.get().build(), true);
            }
        }
        assertThat(compared, greaterThan(150));
    }

    @Test
    public void aLiveReadEndsAtItsLastRecordWhateverTheThreads() throws IOException {
        Path dir = tmp.newFolder().toPath();
        ExportDifferentialTest.generate(dir, new Random(9), 300);
        for (long through : new long[] {0, 1, 2, 57, 150, 299, 300, 301}) {
            for (Supplier<JournalQuery.Builder> query : QUERIES) {
                compare(dir, query.get().through(through).build(), false);
            }
        }
    }

    @Test
    public void aBadLineStopsEveryThreadCountAtTheSameLine() throws IOException {
        String[][] breakages = {{"\"seq\":100,", "\"seq\":1e2,"}, {"\"type\":\"DECIDED\"", "\"type\":\"DECIDE\""},
            {"\"seq\":200,", "\"seq\":200,\"seq\":200,"}};
        for (String[] breakage : breakages) {
            Path dir = tmp.newFolder().toPath();
            ExportDifferentialTest.generate(dir, new Random(breakage[0].length()), 600);
            boolean broken = false;
            for (JournalFiles.Entry file : JournalFiles.list(dir)) {
                String text = Files.readString(file.path);
                if (!broken && text.contains(breakage[0])) {
                    Files.writeString(file.path, text.replaceFirst(breakage[0].replace("\"", "\\\""), breakage[1]));
                    broken = true;
                }
            }
            assertThat(breakage[0], broken, equalTo(true));
            for (Supplier<JournalQuery.Builder> query : QUERIES) {
                compare(dir, query.get().build(), false);
            }
            assertThat(run(dir, JournalQuery.builder().build(), true, 2, 4096), containsString("--- java.io"));
        }
    }

    /** Exports with one thread, then with each of {@link #PARALLEL}: the same text; returns how many compared. */
    private static int compare(Path dir, JournalQuery query, boolean workersMustTakeLines) throws IOException {
        int n = 0;
        for (boolean csv : new boolean[] {true, false}) {
            String expected = run(dir, query, csv, 1, ParallelExport.BUFFER);
            for (int[] p : PARALLEL) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                String error = "";
                long taken = 0;
                try {
                    taken = JournalExport.write(query, dir, format(csv), bytes, p[0], p[1]);
                } catch (IOException e) {
                    error = "\n--- " + e;
                }
                String what = query + (csv ? " csv" : " json") + ", " + p[0] + " threads, " + p[1] + " bytes";
                assertThat(what, bytes.toString(StandardCharsets.UTF_8) + error, equalTo(expected));
                if (workersMustTakeLines) {
                    assertThat(what + ": lines the workers took", taken, greaterThan(500L));
                }
                n++;
            }
        }
        return n;
    }

    private static String run(Path dir, JournalQuery query, boolean csv, int threads, int buffer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String error = "";
        try {
            JournalExport.write(query, dir, format(csv), bytes, threads, buffer);
        } catch (IOException e) {
            error = "\n--- " + e;
        }
        return bytes.toString(StandardCharsets.UTF_8) + error;
    }

    private static JournalExport.Format format(boolean csv) {
        return csv ? JournalExport.Format.CSV : JournalExport.Format.JSON;
    }

    @Test
    public void aFullDeviceStopsEveryThread() throws IOException {
        Path dir = big();
        for (JournalQuery query : List.of(JournalQuery.builder().build(),
                JournalQuery.builder().outcome("APPROVED").build())) {
            try (OutputStream full = new FileOutputStream("/dev/full")) {
                JournalExport.write(query, dir, JournalExport.Format.CSV, full, 3, 4096);
                throw new AssertionError("wrote to /dev/full");
            } catch (IOException e) {
                assertThat(String.valueOf(e.getMessage()), containsString("No space left on device"));
            }
            assertThat(exportThreads(), equalTo(List.of()));
        }
    }

    @Test
    public void aClosedPipeStopsEveryThreadAtOnce() throws Exception {
        Path dir = big();
        Pipe pipe = Pipe.open();
        Thread reader = new Thread(() -> {
            try (InputStream in = Channels.newInputStream(pipe.source())) {
                in.readNBytes(10); // as 'head -c 10' does: read, then close the read end
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        reader.start();
        long start = System.nanoTime();
        try (OutputStream out = Channels.newOutputStream(pipe.sink())) {
            JournalExport.write(JournalQuery.builder().build(), dir, JournalExport.Format.JSON, out, 2, 4096);
            throw new AssertionError("wrote everything into a closed pipe");
        } catch (IOException e) {
            assertThat(String.valueOf(e), containsString("IOException"));
        }
        reader.join();
        assertThat("stopped at once, not after the whole journal", (System.nanoTime() - start) / 1_000_000,
                lessThan(20_000L));
        assertThat(exportThreads(), equalTo(List.of()));
    }

    /**
     * A worker that dies of an Error (running out of memory, say) halfway through a batch: the export fails at that
     * batch, never writes what the dead worker had written of it, and neither waits forever nor leaves a thread behind
     * when every worker dies. (A Jenkins maintainer's review found that the batch was written and then exported again
     * from its first line, and that the calling thread waited forever once every worker had died.)
     */
    @Test(timeout = 60_000)
    public void aWorkerKilledByAnErrorFailsTheExportWithoutItsOutputAndWithoutHanging() throws IOException {
        Path dir = big();
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        for (boolean everyWorkerDies : new boolean[] {false, true}) {
            Set<ExportBatch> died = ConcurrentHashMap.newKeySet();
            AtomicInteger batchesTaken = new AtomicInteger();
            ParallelExport.Worker worker = batch -> {
                try {
                    batch.out.write((byte) 'x');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (everyWorkerDies || batchesTaken.incrementAndGet() == 5) {
                    died.add(batch);
                    throw new OutOfMemoryError("simulated by the test: a worker dies halfway through a batch");
                }
            };
            List<String> written = new ArrayList<>();
            try {
                ParallelExport.run(files, 2, ParallelExport.batches(2, 4096), () -> worker, batch -> {
                    written.add(died.contains(batch) ? "the output of a batch whose worker died" : "a finished batch");
                    return true;
                });
                fail("the export went on past a batch its worker did not finish");
            } catch (IllegalStateException expected) {
                assertThat(expected.getMessage(), containsString("an export thread failed on"));
            }
            assertThat(written, not(hasItem("the output of a batch whose worker died")));
            if (!everyWorkerDies) {
                assertThat("batches finished before the one whose worker died", written.size(), greaterThan(0));
            }
            assertThat(exportThreads(), equalTo(List.of()));
        }
    }

    /** An interrupted caller (a Jenkins request thread, say) gets InterruptedIOException, keeps its interrupt. */
    @Test
    public void anInterruptedCallerGetsInterruptedIoExceptionAndKeepsItsInterrupt() throws IOException {
        Path dir = big();
        for (JournalQuery query : List.of(JournalQuery.builder().build(),
                JournalQuery.builder().outcome("APPROVED").build())) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedIOException.class, () -> JournalExport.write(query, dir,
                        JournalExport.Format.CSV, new ByteArrayOutputStream(), 2, 4096));
                assertThat("the interrupt is kept for the caller", Thread.currentThread().isInterrupted(),
                        equalTo(true));
            } finally {
                Thread.interrupted();
            }
            assertThat(exportThreads(), equalTo(List.of()));
        }
    }

    /**
     * An interrupt stops an export that waits on a file that never ends (a named pipe whose writer stays silent), in
     * either pass: the caller gets InterruptedIOException and no thread is left, the reader's included.
     */
    @Test(timeout = 120_000)
    public void anInterruptStopsAnExportWaitingOnAFileThatNeverEnds() throws Exception {
        Path dir = big();
        Path pipe = SilentPipe.make(dir.resolve("never-ends.jsonl"));
        try (RandomAccessFile writeEnd = new RandomAccessFile(pipe.toFile(), "rw")) {
            List<JournalFiles.Entry> files = new ArrayList<>(JournalFiles.list(dir));
            files.add(new JournalFiles.Entry(files.size() + 1, pipe));
            for (boolean firstPass : new boolean[] {false, true}) {
                Throwable ended = SilentPipe.interruptWhileWaiting(firstPass ? "first pass" : "export", () -> {
                    if (firstPass) {
                        GateOutcomes gates = new GateOutcomes("APPROVED");
                        ParallelExport.run(files, 2, ParallelExport.batches(2, 4096), () -> new GateEndScan(gates),
                                batch -> {
                                    gates.add(batch.gateKeys);
                                    return true;
                                });
                    } else {
                        new InOrderRows(JournalQuery.builder().build(), false, null,
                                new ExportOutput(new ByteArrayOutputStream())).readInParallel(files, 2,
                                ParallelExport.batches(2, 4096));
                    }
                    return null;
                }, () -> assertThat(exportThreads(), hasItems("critical-change-gate audit export: reader",
                        "critical-change-gate audit export: worker 1", "critical-change-gate audit export: worker 2")));
                assertThat(String.valueOf(ended), ended, instanceOf(InterruptedIOException.class));
                assertThat(exportThreads(), equalTo(List.of()));
            }
            assertThat("nothing was ever written to the pipe", writeEnd.length(), equalTo(0L));
        }
    }

    /** A journal of some 2,000 records and no line that is not one, about 1 MiB: many batches of 4 KiB. */
    private Path big() throws IOException {
        Path dir = tmp.newFolder().toPath();
        ExportDifferentialTest.generate(dir, new Random(3), 2000);
        onlyRecords(dir);
        assertThat(run(dir, JournalQuery.builder().build(), false, 1, 4096).length(), greaterThan(500_000));
        return dir;
    }

    /**
     * Leaves out the generated lines that are not records (the export would stop there), keeping those that are
     * records but not canonical (the workers leave them to the in-order stage).
     */
    private static void onlyRecords(Path dir) throws IOException {
        for (JournalFiles.Entry file : JournalFiles.list(dir)) {
            StringBuilder records = new StringBuilder();
            for (String line : Files.readAllLines(file.path)) {
                try {
                    RecordFormat.parse(line);
                    records.append(line).append('\n');
                } catch (RecordFormat.MalformedRecordException e) {
                    // left out: the export would stop there
                }
            }
            Files.writeString(file.path, records);
        }
    }

    /** The export's threads still alive: none, once an export has returned or thrown. */
    private static List<String> exportThreads() {
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(WorkerThreads.name("audit export:")) && t.isAlive()) {
                alive.add(t.getName());
            }
        }
        return alive;
    }
}
