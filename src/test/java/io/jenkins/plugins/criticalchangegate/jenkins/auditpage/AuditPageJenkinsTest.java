package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;

import hudson.model.User;
import hudson.security.Permission;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The audit page for auditors who are not administrators (issue 17): an auditor with only Overall/Read and
 * CriticalChangeGate/Audit searches the journal, opens a gate, downloads what the tool's export and report give,
 * verifies the journal on the controller, and is refused the journal's key; without the permission there is neither
 * the page nor its link; administrators have it by implication.
 */
public class AuditPageJenkinsTest {
    private static final String PAGE = AuditPage.URL_NAME + "/";
    /** The administrators' key download (jenkins.audit.AuditJournalLink), reachable from Jenkins' root. */
    private static final String KEY_DOWNLOAD = "critical-change-gate-audit/verificationKey";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void secureAndFillTheJournal() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        // grant(...) adds what each permission implies among those registered when it is called (Permission.getAll(),
        // impliedBy): the audit permission is registered by then, by AuditPermission's @Initializer while Jenkins
        // started (before EXTENSIONS_AUGMENTED), so the admin's grant includes it by implication
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, AuditPermission.AUDIT).everywhere().to("auditor")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(AuditPermission.AUDIT).everywhere().to("unread"));
        // a real gate, journaled by the step: the wiki is not critical
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8080)));
        WorkflowJob wiki = j.createProject(WorkflowJob.class, "deploy-wiki");
        wiki.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
        j.buildAndAssertSuccess(wiki);
        // two decided gates, as the step journals them
        GateJournal journal = GateJournal.get();
        journal.append(AuditEvent.gateRequested("deploy/payments", 7, "payments-api", "CHG-7", "abc", "alice"));
        journal.append(AuditEvent.approvalRefused("deploy/payments", 7, "payments-api", "CHG-7", "alice",
                "SELF_APPROVAL"));
        journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments-api", "CHG-7", "bob", "payments"));
        journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments-api", "CHG-7", "carol", null));
        journal.append(AuditEvent.decided("deploy/payments", 7, "payments-api", "CHG-7", "APPROVED",
                List.of("bob", "carol")));
        journal.append(AuditEvent.gateRequested("deploy/checkout", 3, "checkout-service", "CHG-9", "def", "dave"));
        journal.append(AuditEvent.rejected("deploy/checkout", 3, "checkout-service", "CHG-9", "erin",
                "<script>alert('x')</script> not during the freeze"));
        journal.append(AuditEvent.decided("deploy/checkout", 3, "checkout-service", "CHG-9", "REJECTED", List.of()));
    }

    private JenkinsRule.WebClient as(String user) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return wc.login(user);
    }

    private WebResponse get(String user, String relative) throws Exception {
        return as(user).getPage(new WebRequest(new URL(j.getURL(), relative), HttpMethod.GET)).getWebResponse();
    }

    private WebResponse post(String user, String relative) throws Exception {
        JenkinsRule.WebClient wc = as(user);
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(relative), HttpMethod.POST)).getWebResponse();
    }

    private static Path journalDirectory() {
        return CriticalChangeGateConfiguration.get().journalPath();
    }

    private static String export(Map<String, String> filters, boolean csv) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        JournalQuery query = JournalFilters.query(filters);
        if (csv) {
            query.exportCsv(journalDirectory(), out);
        } else {
            query.exportJson(journalDirectory(), out);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int records(AuditEventType type) throws Exception {
        int[] count = {0};
        JournalQuery.builder().type(type.name()).build().forEach(journalDirectory(), (record, line) -> count[0]++);
        return count[0];
    }

    @Test
    public void anAuditorSeesTheLinkAndSearchesWithTheToolsFilters() throws Exception {
        // the side panel's task link (lib/hudson/actions.jelly: rootURL/urlName)
        assertThat(get("auditor", "").getContentAsString(), containsString("/" + AuditPage.URL_NAME));
        WebResponse page = get("auditor", PAGE);
        assertThat(page.getStatusCode(), is(200));
        assertThat(page.getContentAsString(), containsString("Critical change audit"));

        String all = get("auditor", PAGE + "search").getContentAsString();
        assertThat(all, containsString("deploy/payments #7"));
        assertThat(all, containsString("deploy/checkout #3"));
        assertThat(all, containsString("deploy-wiki #1"));

        String approved = get("auditor", PAGE + "search?outcome=approved&system=").getContentAsString();
        assertThat(approved, containsString("deploy/payments #7"));
        assertThat(approved, containsString("bob, carol"));
        assertThat(approved, not(containsString("deploy/checkout #3")));

        WebResponse bad = get("auditor", PAGE + "search?outcome=aproved");
        assertThat(bad.getStatusCode(), is(200));
        assertThat(bad.getContentAsString(), containsString("is not the outcome of a gate; did you mean"));
        assertThat(bad.getContentAsString(), not(containsString("at io.jenkins.plugins"))); // no stack trace
    }

    @Test
    public void anAuditorOpensAGateAndSeesItsRecordsEscaped() throws Exception {
        String payments = get("auditor", PAGE + "gate?gate=deploy%2Fpayments%237").getContentAsString();
        assertThat(payments, containsString("GATE_REQUESTED"));
        assertThat(payments, containsString("APPROVAL_REFUSED"));
        assertThat(payments, containsString("SELF_APPROVAL"));
        assertThat(payments, containsString("APPROVAL_ACCEPTED"));
        assertThat(payments, containsString("DECIDED"));
        assertThat(payments, not(containsString("deploy/checkout")));

        String checkout = get("auditor", PAGE + "gate?gate=deploy%2Fcheckout%233").getContentAsString();
        assertThat(checkout, containsString("not during the freeze"));
        assertThat(checkout, not(containsString("<script>alert")));
        assertThat(checkout, containsString("&lt;script&gt;"));
    }

    @Test
    public void anAuditorDownloadsExactlyWhatTheToolExportsAndTheReport() throws Exception {
        WebResponse csv = get("auditor", PAGE + "csv?system=payments-api");
        assertThat(csv.getStatusCode(), is(200));
        assertThat(csv.getContentType(), is("text/csv"));
        assertThat(csv.getResponseHeaderValue("Content-Disposition"),
                startsWith("attachment; filename=\"critical-change-gate-audit-"));
        assertThat(csv.getResponseHeaderValue("Cache-Control"), is("no-store"));
        assertThat(csv.getContentAsString(), equalTo(export(Map.of("system", "payments-api"), true)));

        WebResponse json = get("auditor", PAGE + "json?outcome=REJECTED");
        assertThat(json.getStatusCode(), is(200));
        assertThat(json.getContentType(), is("application/json"));
        assertThat(json.getContentAsString(), equalTo(export(Map.of("outcome", "REJECTED"), false)));

        assertThat(get("auditor", PAGE + "csv?type=DECIDE").getStatusCode(), is(400));

        WebResponse report = get("auditor", PAGE + "report");
        assertThat(report.getStatusCode(), is(200));
        assertThat(report.getResponseHeaderValue("Content-Disposition"), containsString(".html\""));
        assertThat(report.getContentAsString(), containsString("Journal verified."));
        assertThat(report.getContentAsString(), containsString("CHG-7"));
    }

    @Test
    public void downloadsAreStagedUnderJenkinsHomeAndWhatAnEarlierRunLeftIsRemoved() throws Exception {
        Path staging = j.jenkins.getRootDir().toPath().resolve("critical-change-gate").resolve("downloads");
        Files.createDirectories(staging);
        // as a controller killed mid-download leaves it: written before this JVM started
        Path left = Files.writeString(staging.resolve(Staging.PREFIX + "export-1.csv"), "left by a halted controller");
        Files.setLastModifiedTime(left, FileTime.from(Instant.EPOCH));
        Path notOurs = Files.writeString(staging.resolve("README"), "kept");
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.EPOCH));

        assertThat(get("auditor", PAGE + "csv").getStatusCode(), is(200));
        assertThat(Files.exists(left), is(false));
        assertThat(get("auditor", PAGE + "json").getStatusCode(), is(200));
        assertThat(get("auditor", PAGE + "report").getStatusCode(), is(200));
        assertThat(get("auditor", PAGE + "csv?type=DECIDE").getStatusCode(), is(400));
        try (Stream<Path> files = Files.list(staging)) {
            assertThat("each download's file is deleted once sent", files.map(f -> f.getFileName().toString())
                    .collect(Collectors.toList()), contains("README"));
        }
    }

    @Test
    public void anAuditorVerifiesTheJournalByPostOnly() throws Exception {
        assertThat(get("auditor", PAGE + "verify").getStatusCode(), is(405));
        assertThat(post("auditor", PAGE + "verify").getStatusCode(), is(200));
        String shown = "";
        for (int i = 0; i < 100 && !shown.contains("the journal verifies"); i++) {
            Thread.sleep(100);
            shown = get("auditor", PAGE).getContentAsString();
        }
        assertThat(shown, containsString("Last verification: started by auditor"));
        assertThat(shown, containsString("the journal verifies"));
        assertThat(shown, containsString("chain: keyed with key id "));
        assertThat(shown, containsString("records: "));
        assertThat(shown, containsString("head: "));
        // where the key is downloaded is told to administrators only
        assertThat(shown, not(containsString("manage/critical-change-gate-audit")));
        assertThat(get("admin", PAGE).getContentAsString(), containsString("manage/critical-change-gate-audit"));
    }

    @Test
    public void anAuditorIsRefusedTheKeyAndNothingIsRecordedAsExported() throws Exception {
        WebResponse key = post("auditor", KEY_DOWNLOAD);
        assertThat(key.getStatusCode(), is(403));
        assertThat(key.getContentAsString(), not(containsString("hmac-sha256:")));
        assertThat(records(AuditEventType.KEY_EXPORTED), is(0));
    }

    @Test
    public void withoutTheAuditPermissionThereIsNoPageAndNoLink() throws Exception {
        assertThat(get("reader", PAGE).getStatusCode(), is(403));
        assertThat(get("reader", PAGE + "search").getStatusCode(), is(403));
        assertThat(get("reader", PAGE + "csv").getStatusCode(), is(403));
        assertThat(post("reader", PAGE + "verify").getStatusCode(), is(403));
        assertThat(get("reader", "").getContentAsString(), not(containsString("/" + AuditPage.URL_NAME)));
        // the audit permission without Overall/Read reaches nothing under Jenkins' root (Jenkins.getTarget), as
        // docs/audit.md says: auditors need both
        assertThat(get("unread", PAGE).getStatusCode(), is(403));
        assertThat(get("unread", PAGE + "csv").getStatusCode(), is(403));
    }

    @Test
    public void administratorsHaveThePermissionByImplicationAndItIsFoundByItsId() throws Exception {
        assertThat(j.jenkins.getACL().hasPermission2(User.getById("admin", true).impersonate2(),
                AuditPermission.AUDIT), is(true));
        assertThat(j.jenkins.getACL().hasPermission2(User.getById("reader", true).impersonate2(),
                AuditPermission.AUDIT), is(false));
        // what matrix-auth saves and reads back at start-up, and the group title it shows (CriticalChangeGate/Audit)
        assertThat(AuditPermission.AUDIT.getId(),
                is("io.jenkins.plugins.criticalchangegate.jenkins.auditpage.AuditPermission.Audit"));
        assertThat(Permission.fromId(AuditPermission.AUDIT.getId()), sameInstance(AuditPermission.AUDIT));
        assertThat(AuditPermission.GROUP.getId(), is("CriticalChangeGate"));
        assertThat(get("admin", PAGE).getStatusCode(), is(200));
    }
}
