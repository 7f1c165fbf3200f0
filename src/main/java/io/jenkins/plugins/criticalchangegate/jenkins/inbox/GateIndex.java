package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.inbox.GateKey;
import io.jenkins.plugins.criticalchangegate.inbox.OpenGates;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournalListener;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller's index of open gates (issue 14): fed with every record the audit journal appends (so it shows what
 * the journal says, and costs O(open gates) to read), and rebuilt from the journal once Jenkins has started, then
 * reconciled with the builds still running (a gate the controller never journaled as decided, because it died first,
 * waits for nobody).
 *
 * <p>When: the journal is replayed on the plugin's pool ({@link BackgroundWork}) as soon as every job is loaded
 * ({@code InitMilestone.JOB_CONFIG_ADAPTED}), never on the start-up thread nor on Timer (reading a large journal
 * takes seconds). The reconciliation reads builds ({@code Job.getBuildByNumber}, {@code Run.isBuilding}), which loads
 * a running pipeline and so resumes it ({@code WorkflowRun.onLoad}); it therefore waits until start-up has completed
 * ({@code InitMilestone.COMPLETED}, after which pipelines resume anyway through
 * {@code FlowExecutionList.ItemListenerImpl.onLoaded}). An initializer cannot itself run after {@code COMPLETED}: such
 * a task never runs and Jenkins reports an incomplete start-up (JENKINS-37759, {@code Jenkins.java:1024-1031}).
 *
 * <p>Records appended while the rebuild runs go to the index in use and are kept aside; the rebuilt index then takes
 * those numbered above the last record it replayed, and replaces the one in use. Thread-safe.
 */
@Extension(ordinal = 100) // before the notifications, which read the gate from the index
public class GateIndex extends GateJournalListener {
    private static final Logger LOGGER = Logger.getLogger(GateIndex.class.getName());
    /** Records kept aside during a rebuild, at most: past it the rebuild's result is incomplete and dropped. */
    static final int MAX_KEPT_ASIDE = 100_000;
    /** How long the rebuild waits for Jenkins to complete its start-up before it reconciles with running builds. */
    static final Duration START_UP_PATIENCE = Duration.ofMinutes(30);

    private final Object lock = new Object();
    /** The index in use; replaced (under {@link #lock}) by a rebuilt one. */
    private volatile OpenGates gates = new OpenGates();
    /** Non-null while a rebuild runs: the records appended meanwhile. Guarded by {@link #lock}. */
    @CheckForNull
    private List<JournalRecord> keptAside;
    private boolean overflowed;
    /** Counts changes, so that a cached answer ({@link InboxPage}'s side-panel link) knows it is stale. */
    private final AtomicLong version = new AtomicLong();

    public static GateIndex get() {
        return ExtensionList.lookupSingleton(GateIndex.class);
    }

    /** The index in use. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "the index is thread-safe and meant to be read by"
            + " the inbox page and the notifications")
    public OpenGates gates() {
        return gates;
    }

    /** Changes with every record the index takes, and when it is rebuilt. */
    public long version() {
        return version.get();
    }

    @Override
    public void onAppended(JournalRecord record) {
        synchronized (lock) {
            gates.accept(record);
            List<JournalRecord> aside = keptAside;
            if (aside != null) {
                if (aside.size() < MAX_KEPT_ASIDE) {
                    aside.add(record);
                } else {
                    overflowed = true;
                }
            }
        }
        version.incrementAndGet();
    }

    /** Every job is loaded: rebuild the index from the journal on the plugin's pool (see the class comment). */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void rebuildAtStartUp() {
        get().startRebuild();
    }

    void startRebuild() {
        synchronized (lock) {
            keptAside = new ArrayList<>();
            overflowed = false;
        }
        try {
            BackgroundWork.submit(this::rebuild);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                keptAside = null;
            }
            LOGGER.log(Level.WARNING, "could not rebuild the approvals inbox from the audit journal: the plugin's pool"
                    + " refused the work; the inbox shows only the gates opened from now on", e);
        }
    }

    private void rebuild() {
        Path dir = CriticalChangeGateConfiguration.get().journalPath();
        long started = System.nanoTime();
        OpenGates.Rebuilt rebuilt;
        try {
            rebuilt = OpenGates.rebuild(dir, OpenGates.DEFAULT_RECENT);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                keptAside = null;
            }
            LOGGER.log(Level.WARNING, "could not rebuild the approvals inbox from the audit journal in " + dir
                    + "; the inbox shows only the gates opened from now on", e);
            return;
        }
        for (String note : rebuilt.notes()) {
            LOGGER.warning(() -> "approvals inbox, rebuilding from " + dir + ": " + note);
        }
        OpenGates fresh = rebuilt.gates();
        if (!startUpCompleted()) {
            synchronized (lock) {
                keptAside = null;
            }
            LOGGER.warning("approvals inbox: Jenkins did not complete its start-up within " + START_UP_PATIENCE
                    + "; keeping the index fed since start-up");
            return;
        }
        int stale = fresh.retainOnly(GateIndex::stillRunning);
        synchronized (lock) {
            List<JournalRecord> aside = keptAside;
            keptAside = null;
            if (aside == null || overflowed) {
                LOGGER.warning("approvals inbox: too many records arrived during the rebuild; keeping the index fed"
                        + " since start-up");
                return;
            }
            for (JournalRecord record : aside) {
                if (record.seq() > rebuilt.lastSeq()) {
                    fresh.accept(record);
                }
            }
            gates = fresh;
        }
        version.incrementAndGet();
        LOGGER.info(() -> String.format("approvals inbox rebuilt from %s: %d records, %d open gates (%d of builds no"
                + " longer running dropped) in %d ms", dir, rebuilt.records(), fresh.size(), stale,
                (System.nanoTime() - started) / 1_000_000));
    }

    /** Waits (on the pool) until Jenkins' start-up has completed, at most {@link #START_UP_PATIENCE}. */
    private static boolean startUpCompleted() {
        long deadline = System.nanoTime() + START_UP_PATIENCE.toNanos();
        JenkinsFacade jenkins = new JenkinsFacade();
        while (jenkins.initLevel() != InitMilestone.COMPLETED) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: give up, the next start rebuilds
                return false;
            }
        }
        return true;
    }

    /** Whether the gate's build still runs; looked up as the system (the pool's identity), loading it if need be. */
    static boolean stillRunning(GateKey key) {
        if (key.build() < 1 || key.build() > Integer.MAX_VALUE) {
            return false;
        }
        Job<?, ?> job = new JenkinsFacade().item(key.job(), Job.class);
        if (job == null) {
            return false;
        }
        Run<?, ?> run = job.getBuildByNumber((int) key.build());
        return run != null && run.isBuilding();
    }
}
