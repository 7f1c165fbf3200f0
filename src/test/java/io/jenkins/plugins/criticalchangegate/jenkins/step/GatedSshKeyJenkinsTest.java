package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUse;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUseAction;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.GatedSshUserPrivateKey;
import java.util.List;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The gated SSH private key in a real Jenkins, through credentials-binding's {@code sshUserPrivateKey} binding
 * ({@code SSHUserPrivateKeyBinding}: the key goes into a file whose path is the masked variable, the passphrase into a
 * masked variable, the username in the clear since the kind says it is not secret): written only behind an approved
 * gate for checkout-service, refused and journaled without one, and refused to a lookup without a build.
 */
public class GatedSshKeyJenkinsTest extends AbstractGateJenkinsTest {
    static final String ID = "checkout-deploy-key";
    /** Not a usable key: the binding writes whatever the credential gives, and nothing here connects anywhere. */
    static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nZ2F0ZWQtdGVzdC1rZXktYm9keS00NzEx\n"
            + "-----END OPENSSH PRIVATE KEY-----";
    static final String KEY_BODY = "Z2F0ZWQtdGVzdC1rZXktYm9keS00NzEx";
    static final String PASSPHRASE = "pass-phrase-0815";
    static final String REFUSED = "no approved criticalChangeGate for " + GateFixtures.CHECKOUT + " in this build";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        SystemCredentialsProvider.getInstance().getCredentials().add(new GatedSshUserPrivateKey(
                CredentialsScope.GLOBAL, ID, "checkout deploy key", GateFixtures.CHECKOUT, "deployer",
                Secret.fromString(KEY), Secret.fromString(PASSPHRASE)));
        SystemCredentialsProvider.getInstance().save();
        secure(j);
    }

    @After
    public void tearDown() {
        site.close();
    }

    private String gate() {
        return "criticalChangeGate(system: '" + GateFixtures.CHECKOUT + "', changeId: 'CHG-1234', documentationUrl: '"
                + site.url("CHG-1234") + "')\n";
    }

    /** Binds the key, says whether the file holds it, and after the block whether the file is gone. */
    private static String deploy() {
        return "node {\n"
                + "  def keyFile = ''\n"
                + "  withCredentials([sshUserPrivateKey(credentialsId: '" + ID + "', keyFileVariable: 'KEY',"
                + " usernameVariable: 'SSH_USER', passphraseVariable: 'PASS')]) {\n"
                + "    keyFile = env.KEY\n"
                + "    echo \"key=$KEY user=$SSH_USER pass=$PASS\"\n"
                + "    echo(readFile(env.KEY).contains('" + KEY_BODY + "') ? 'the key file holds the key'"
                + " : 'the key file lacks the key')\n"
                + "  }\n"
                + "  echo(fileExists(keyFile) ? 'the key file is left behind' : 'the key file is gone')\n"
                + "}\n";
    }

    private static List<CredentialUse> uses(WorkflowRun b) {
        CredentialUseAction action = b.getAction(CredentialUseAction.class);
        return action == null ? List.of() : action.getUses();
    }

    @Test
    public void anApprovedGateWritesTheKeyFileAndMasksItsPathAndThePassphrase() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), gate() + deploy());
        await("the gate waits for approvals", () -> b.getAction(GateAction.class) != null
                && !b.getAction(GateAction.class).getGates().isEmpty() && onlyGate(b).isPending());
        String gateId = onlyGate(b).getGateId();
        approve(j, "carol", b, gateId);
        approve(j, "bob", b, gateId);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("key=**** user=deployer pass=****", b);
        j.assertLogContains("the key file holds the key", b);
        j.assertLogContains("the key file is gone", b);
        j.assertLogNotContains(PASSPHRASE, b);
        j.assertLogNotContains(KEY_BODY, b);
        // one use: the binding's variables() looks the credential up too, but reads no secret, so it is not judged
        assertThat(uses(b).stream().map(CredentialUse::isReleased).collect(Collectors.toList()), is(List.of(true)));
        assertThat(uses(b).get(0).getGateId(), is(gateId));
        assertThat(journal(GateFixtures.CHECKOUT).stream().filter(r -> r.type().name().equals("CREDENTIALS_RELEASED"))
                .anyMatch(r -> ID.equals(r.fields().get("credentialId"))), is(true));
    }

    @Test
    public void withoutAGateTheKeyIsRefusedAndJournaled() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), deploy());
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains(REFUSED, b);
        j.assertLogNotContains("the key file holds the key", b);
        j.assertLogNotContains(KEY_BODY, b);
        j.assertLogNotContains(PASSPHRASE, b);
        assertThat(uses(b).size(), is(1));
        assertThat(uses(b).get(0).isReleased(), is(false));
        assertThat(journal(GateFixtures.CHECKOUT).stream().filter(r -> r.type().name().equals("CREDENTIALS_REFUSED"))
                .anyMatch(r -> ID.equals(r.fields().get("credentialId"))), is(true));
    }

    /** Another plugin or the script console, without a build: the stored key refuses the key and the passphrase. */
    @Test
    public void aLookupWithoutARunGetsNeitherKeyNorPassphrase() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        SSHUserPrivateKey ours = CredentialsProvider.lookupCredentialsInItem(SSHUserPrivateKey.class, p, ACL.SYSTEM2,
                List.of()).stream().filter(c -> c.getId().equals(ID)).findFirst().orElseThrow();
        assertThat(ours.getUsername(), is("deployer"));
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, ours::getPrivateKeys);
        assertThat(e.getMessage(), containsString("it was read without a build"));
        assertThat(e.getMessage().contains(KEY_BODY), is(false));
        assertThrows(CredentialsUnavailableException.class, ours::getPrivateKey);
        assertThrows(CredentialsUnavailableException.class, ours::getPassphrase);
    }
}
