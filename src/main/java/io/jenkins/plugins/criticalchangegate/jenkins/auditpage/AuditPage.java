package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.RootAction;
import hudson.security.Permission;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.auditpage.ScanPermits.Kind;
import io.jenkins.plugins.criticalchangegate.report.GateListing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * The audit page, {@code /critical-change-audit/} (issue 17), for whoever has {@link AuditPermission#AUDIT}
 * ({@code CriticalChangeGate/Audit}, implied by Administer): search the journal with the tool's filters
 * ({@link JournalFilters}: the same names, values and messages as {@code audit export}), see a gate's records, download
 * the matching records as CSV or JSON (what {@code audit export} writes) and the HTML report (what {@code audit report}
 * writes), and verify the journal on the controller with Jenkins' key. The key itself never shows here: its download
 * stays on {@code AuditJournalLink}, for administrators.
 *
 * <p>Every getter and web method checks the permission itself; the side-panel link shows only to those who have it.
 * A search or download reads the journal on the request thread, one of each kind at a time ({@link ScanPermits});
 * verification runs on the plugin's pool, one at a time ({@link VerificationRuns}), started by POST only. A journal
 * being written is read up to its last record on disk when the request starts, so appends meanwhile are neither read
 * nor taken for damage.
 */
@Extension
public class AuditPage implements RootAction {
    private static final Logger LOGGER = Logger.getLogger(AuditPage.class.getName());
    public static final String URL_NAME = "critical-change-audit";

    private final JenkinsFacade jenkins = new JenkinsFacade();
    private final ScanPermits permits = new ScanPermits();
    private final VerificationRuns verifications = new VerificationRuns(BackgroundWork::submit, Clock.systemUTC());
    /** Made with the page, as Jenkins starts: a staged file written before then is a leftover of an earlier start. */
    private final Staging staging = new Staging(() -> Staging.directory(jenkins.rootDir().toPath(),
            jenkins.systemProperty(Staging.DIRECTORY_PROPERTY)), Instant.now());

    /**
     * Once Jenkins has started, removes what audit page downloads left when it last stopped in the middle of one
     * ({@link Staging}); a failure is logged, never a reason for Jenkins not to start.
     */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED, fatal = false)
    public static void removeLeftDownloads() {
        try {
            ExtensionList.lookupSingleton(AuditPage.class).staging.sweepOnce();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not look for files left by audit page downloads before Jenkins started;"
                    + " the first download does", e);
        }
    }

    @Override
    @CheckForNull
    public String getIconFileName() {
        // asked on every page with a side panel: a failure hides the link rather than break the page
        try {
            return jenkins.hasPermission(AuditPermission.AUDIT) ? "symbol-search" : null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "audit page: could not tell whether the current user may audit", e);
            return null;
        }
    }

    @Override
    public String getDisplayName() {
        return "Critical change audit";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The permission the page's layout checks (and every method here). */
    public Permission getPermission() {
        return AuditPermission.AUDIT;
    }

    /** The filters' names, in the tool's order, for the search form. */
    public List<String> getFilterNames() {
        checkAudit();
        return JournalFilters.NAMES;
    }

    /** The last verification started here since Jenkins started; null when none. */
    @CheckForNull
    public VerificationRuns.LastVerification getLastVerification() {
        checkAudit();
        return verifications.last();
    }

    /** Whether the current user administers Jenkins: only they are told where the key is downloaded. */
    public boolean isAdministrator() {
        checkAudit();
        return jenkins.hasPermission(Jenkins.ADMINISTER);
    }

    /** The administrators' page with the key download, relative to Jenkins' root. */
    public String getKeyPage() {
        checkAudit();
        return "manage/critical-change-gate-audit/";
    }

    /** {@code search?system=...}: the gates the filters match, or why the filters were refused. */
    @GET
    public HttpResponse doSearch(StaplerRequest2 req) {
        checkAudit();
        Map<String, String> filters = JournalFilters.fromForm(req::getParameter);
        SearchView view;
        try {
            JournalQuery query = query(filters);
            Path dir = GateJournal.get().journalDirectory();
            view = SearchView.of(filters, permits.run(Kind.SEARCH, () -> GateListing.read(dir, query,
                    SearchView.LIMIT)));
        } catch (IllegalArgumentException | IOException e) {
            view = SearchView.refused(filters, e.getMessage());
        } catch (ScanPermits.Busy e) {
            throw HttpResponses.errorWithoutStack(503, e.getMessage());
        }
        return HttpResponses.forwardToView(view, "index");
    }

    /** {@code gate?gate=JOB%23BUILD}: that build's gate records. */
    @GET
    public HttpResponse doGate(StaplerRequest2 req) {
        checkAudit();
        String gate = req.getParameter("gate");
        if (gate == null || gate.isBlank()) {
            throw HttpResponses.errorWithoutStack(400, "give the gate as gate=JOB#BUILD");
        }
        GateView view;
        try {
            JournalQuery query = query(Map.of("gate", gate));
            Path dir = GateJournal.get().journalDirectory();
            view = permits.run(Kind.GATE, () -> {
                List<JournalRecord> records = new ArrayList<>();
                boolean[] cut = {false};
                query.forEach(dir, (record, line) -> {
                    if (records.size() < GateView.LIMIT) {
                        records.add(record);
                    } else {
                        cut[0] = true;
                    }
                });
                return GateView.of(gate, records, cut[0]);
            });
        } catch (IllegalArgumentException | IOException e) {
            view = GateView.refused(gate, e.getMessage());
        } catch (ScanPermits.Busy e) {
            throw HttpResponses.errorWithoutStack(503, e.getMessage());
        }
        return HttpResponses.forwardToView(view, "index");
    }

    /** {@code csv?filters}: the matching records as {@code audit export --format csv} writes them. */
    @GET
    public void doCsv(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        checkAudit();
        Map<String, String> filters = JournalFilters.fromForm(req::getParameter);
        Downloads.export(rsp, permits, staging, Kind.CSV, GateJournal.get().journalDirectory(),
                refusingBadFilters(filters));
    }

    /** {@code json?filters}: the matching records as {@code audit export --format json} writes them. */
    @GET
    public void doJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        checkAudit();
        Map<String, String> filters = JournalFilters.fromForm(req::getParameter);
        Downloads.export(rsp, permits, staging, Kind.JSON, GateJournal.get().journalDirectory(),
                refusingBadFilters(filters));
    }

    /**
     * {@code report?filters}: the HTML report {@code audit report} writes, after verifying the journal with Jenkins'
     * key. A journal that does not verify gets a page that says so, with the link to the report marked unverified
     * ({@code allowUnverified=true}, as {@code --allow-unverified}).
     */
    @GET
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        checkAudit();
        Map<String, String> filters = JournalFilters.fromForm(req::getParameter);
        JournalQuery query = refusingBadFilters(filters);
        boolean allowUnverified = "true".equals(req.getParameter("allowUnverified"));
        Downloads.report(rsp, permits, staging, GateJournal.get().journalDirectory(), query, filters,
                allowUnverified);
    }

    /** Starts a verification of the journal on the controller (POST only); back to the page, which shows it. */
    @RequirePOST
    public HttpResponse doVerify() {
        checkAudit();
        String user = jenkins.authentication().getName();
        try {
            if (!verifications.start(user, () -> GateJournal.get().verifyLive())) {
                LOGGER.fine(() -> user + " asked to verify the audit journal while a verification runs");
            }
        } catch (RejectedExecutionException e) {
            throw HttpResponses.errorWithoutStack(503, "The verification could not be started now (Jenkins is busy"
                    + " or shutting down): " + e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    private void checkAudit() {
        jenkins.checkPermission(AuditPermission.AUDIT);
    }

    /** The query for the filters, read up to the live journal's last record on disk ({@link GateJournal#readBound}). */
    static JournalQuery query(Map<String, String> filters) {
        JournalQuery.Builder builder = JournalFilters.builder(filters);
        OptionalLong last = GateJournal.get().readBound();
        if (last.isPresent()) {
            builder.through(last.getAsLong());
        }
        return builder.build();
    }

    private static JournalQuery refusingBadFilters(Map<String, String> filters) {
        try {
            return query(filters);
        } catch (IllegalArgumentException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
    }
}
