package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The global configuration's registry sources in a real Jenkins: the form round trip, the "Check registry" button,
 * the permission checks of every web method, the registry version in the log and the journal, last known good and
 * fail-closed. Runs only in the full build; the loading logic itself is tested in the Central build
 * (registry.source tests).
 */
public class RegistrySourceJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String RESOLVE_ONLY = "def gate = criticalChangeGate system: 'internal-wiki'\n"
            + "echo \"outcome=${gate.outcome}\"";

    private int rewrites;

    private Path registryFile(String text) throws Exception {
        Path file = tmp.getRoot().toPath().resolve("critical-systems.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // a rewrite within the file system's time resolution must still look changed to the file source
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(++rewrites)));
        return file;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void secure() {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
    }

    private Page post(String user, String path, String... parameters) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        WebRequest request = new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST);
        List<NameValuePair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            pairs.add(new NameValuePair(parameters[i], parameters[i + 1]));
        }
        request.setRequestParameters(pairs);
        return wc.getPage(request);
    }

    private static String body(Page page) {
        return page.getWebResponse().getContentAsString();
    }

    private WorkflowRun resolveOnly() throws Exception {
        WorkflowJob p = j.jenkins.getItemByFullName("p", WorkflowJob.class);
        if (p == null) {
            p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(RESOLVE_ONLY, true));
        }
        return j.waitForCompletion(p.scheduleBuild2(0).waitForStart());
    }

    @Test
    public void theFormRoundTripKeepsEverySetting() throws Exception {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        RegistryUrl url = new RegistryUrl("https://registry.example.invalid/critical-systems.yaml");
        url.setCredentialsId("registry-token");
        url.setRefreshMinutes(15);
        config.setRegistry(url);
        config.setJournalDirectory(tmp.newFolder("journal").getAbsolutePath());
        config.setDocumentationConnectTimeoutSeconds(7);
        config.setDocumentationReadTimeoutSeconds(42);
        config.setMaxApprovalTimeoutDays(14);

        j.configRoundtrip();

        assertThat(config.getRegistry(), is(url));
        assertThat(config.getJournalDirectory(), is(tmp.getRoot().toPath().resolve("journal").toString()));
        assertThat(config.getDocumentationConnectTimeoutSeconds(), is(7));
        assertThat(config.getDocumentationReadTimeoutSeconds(), is(42));
        assertThat(config.getMaxApprovalTimeoutDays(), is(14));
    }

    /**
     * A fresh Jenkins shows the drop-down's first kind with blank fields: saving Manage Jenkins → System must not be
     * refused for it (that would block every other section), and no registry is invented.
     */
    @Test
    public void aJenkinsWithoutARegistryCanStillSaveItsSystemConfiguration() throws Exception {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setDocumentationReadTimeoutSeconds(42);
        j.configRoundtrip();
        assertThat(config.getRegistry(), is((RegistrySourceSetting) null));
        assertThat(config.getDocumentationReadTimeoutSeconds(), is(42));
        assertThat("still failing closed", config.isRegistryFailing(), is(true));
    }

    @Test
    public void theCheckButtonLoadsTheRegistryNowAndReportsEveryProblem() throws Exception {
        Path file = registryFile(GateFixtures.registry(8443));
        Page valid = post(null, "descriptorByName/" + RegistryFile.class.getName() + "/testRegistry",
                "path", file.toString());
        assertThat(body(valid), containsString("2 critical system(s)"));

        Files.writeString(file, "version: 1\nsystems:\n  - id: x\n    approvers: []\n", StandardCharsets.UTF_8);
        Page invalid = post(null, "descriptorByName/" + RegistryFile.class.getName() + "/testRegistry",
                "path", file.toString());
        assertThat(body(invalid), containsString(file.toString() + ":4:"));
        assertThat("the button changed nothing", CriticalChangeGateConfiguration.get().getRegistry(),
                is((RegistrySourceSetting) null));

        Page missing = post(null, "descriptorByName/" + RegistryFile.class.getName() + "/testRegistry",
                "path", file.resolveSibling("gone.yaml").toString());
        assertThat(body(missing), containsString("gone.yaml"));
    }

    @Test
    public void theWebMethodsAreForAdministratorsAndPostOnly() throws Exception {
        secure();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "registry-token", "token for the registry", Secret.fromString("t0ken")));
        Path file = registryFile(GateFixtures.registry(8443));
        String button = "descriptorByName/" + RegistryFile.class.getName() + "/testRegistry";
        String fill = "descriptorByName/" + RegistryUrl.class.getName() + "/fillCredentialsIdItems";

        assertThat(post("reader", button, "path", file.toString()).getWebResponse().getStatusCode(), is(403));
        assertThat(post("reader", "descriptorByName/" + RegistryUrl.class.getName() + "/testRegistry",
                "url", "https://registry.example.invalid/x.yaml").getWebResponse().getStatusCode(), is(403));
        assertThat(post("reader", "descriptorByName/" + InlineRegistry.class.getName() + "/checkYaml",
                "value", "version: 1").getWebResponse().getStatusCode(), is(403));
        assertThat(post("reader", "descriptorByName/" + InlineRegistry.class.getName() + "/testRegistry",
                "yaml", "version: 1").getWebResponse().getStatusCode(), is(403));
        assertThat(post("reader", "descriptorByName/" + CriticalChangeGateConfiguration.class.getName()
                + "/checkMaxApprovalTimeoutDays", "value", "7").getWebResponse().getStatusCode(), is(403));
        assertThat(post("admin", button, "path", file.toString()).getWebResponse().getStatusCode(), is(200));

        JenkinsRule.WebClient get = j.createWebClient().login("admin");
        get.getOptions().setThrowExceptionOnFailingStatusCode(false);
        // @POST refuses the verb and Stapler finds no other route: 404 (stapler's DispatcherTest expects the same);
        // only @RequirePOST answers 405
        assertThat("a GET never reaches the network or the disk",
                get.getPage(new WebRequest(new URL(j.getURL(), button + "?path=" + file), HttpMethod.GET))
                        .getWebResponse().getStatusCode(), is(404));

        assertThat(body(post("reader", fill, "credentialsId", "")), not(containsString("registry-token")));
        assertThat(body(post("admin", fill, "credentialsId", "")), containsString("registry-token"));

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(reader.getPage(new WebRequest(new URL(j.getURL(), "manage/configure"), HttpMethod.GET))
                .getWebResponse().getStatusCode(), is(403));
    }

    @Test
    public void withoutAnyGoodRegistryEveryGateFailsClosed() throws Exception {
        Path missing = tmp.getRoot().toPath().resolve("not-there.yaml");
        CriticalChangeGateConfiguration.get().setRegistry(new RegistryFile(missing.toString()));
        assertThat(CriticalChangeGateConfiguration.get().isRegistryFailing(), is(true));

        RegistryMonitor monitor = ExtensionList.lookupSingleton(RegistryMonitor.class);
        assertThat(monitor.isActivated(), is(true));
        assertThat(monitor.isFailingClosed(), is(true));

        WorkflowRun b = resolveOnly();
        // internal-wiki would pass as not critical under unknownSystems: allow; without a registry nothing passes
        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains("not-there.yaml", b);
        j.assertLogNotContains("outcome=", b);
    }

    @Test
    public void aRegistryThatTurnsInvalidNeverReplacesTheLastGoodOne() throws Exception {
        String good = GateFixtures.registry(8443);
        Path file = registryFile(good);
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setRegistry(new RegistryFile(file.toString()));
        RegistryMonitor monitor = ExtensionList.lookupSingleton(RegistryMonitor.class);
        assertThat("a good registry raises no alarm", monitor.isActivated(), is(false));
        WorkflowRun first = j.assertBuildStatusSuccess(resolveOnly());
        j.assertLogContains("sha256:" + sha256(good).substring(0, 12), first);

        registryFile("version: 1\nsystems: [oops\n");
        config.refreshNow(); // as RegistryRefresh would within 30 s (its schedule: RegistryKeeperTest)
        assertThat(config.isRegistryFailing(), is(true));
        assertThat(String.join("\n", config.getRegistryStatus()), containsString(file.toString()));
        assertThat(monitor.isActivated(), is(true));
        assertThat("gates still decide with the last good registry", monitor.isFailingClosed(), is(false));

        WorkflowRun second = j.assertBuildStatusSuccess(resolveOnly());
        j.assertLogContains("sha256:" + sha256(good).substring(0, 12), second);

        List<JournalRecord> passed = new ArrayList<>();
        JournalQuery.builder().system("internal-wiki").build()
                .forEach(config.journalPath(), (record, line) -> passed.add(record));
        assertThat(passed.size(), is(2));
        for (JournalRecord record : passed) {
            assertThat(record.type(), is(AuditEventType.NOT_CRITICAL));
            @SuppressWarnings("unchecked")
            Map<String, Object> registry = (Map<String, Object>) record.fields().get("registry");
            assertThat(registry.get("sha256"), is(sha256(good)));
            assertThat(registry.get("source"), is((Object) ("file " + file)));
        }
    }

    @Test
    public void aRegistryAskingForMoreThanTheMaximumTimeoutIsRefused() throws Exception {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setMaxApprovalTimeoutDays(1);
        String longer = GateFixtures.registry(8443).replace("approvalTimeout: 2h", "approvalTimeout: 3d");
        Page check = post(null, "descriptorByName/" + InlineRegistry.class.getName() + "/checkYaml",
                "value", longer);
        assertThat(body(check), containsString("approvalTimeout"));
        // a valid registry as such: the setter takes it (JCasC may set the maximum after it), the keeper refuses it
        config.setRegistry(new InlineRegistry(longer));
        assertThat("nothing valid was ever loaded", config.isRegistryFailing(), is(true));
        assertThat(String.join("\n", config.getRegistryStatus()), containsString("approvalTimeout '3d'"));
        WorkflowRun b = resolveOnly();
        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains("approvalTimeout '3d'", b);

        // an inline registry that is no registry at all is refused by the setter, with the registry's messages
        try {
            config.setRegistry(new InlineRegistry("version: 1\nsystems: [oops\n"));
            throw new AssertionError("an invalid inline registry was accepted");
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage(), containsString("inline registry:"));
        }
    }
}
