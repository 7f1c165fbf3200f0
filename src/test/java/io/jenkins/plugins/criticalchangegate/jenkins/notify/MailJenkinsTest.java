package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Cause;
import hudson.model.CauseAction;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.notify.Delivery;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.mock_javamail.Mailbox;

/**
 * E-mail in a real Jenkins (issue 14): the registry lists {@code notify.email} for one system; a gate of that system
 * opening mails the address through the Mailer plugin (its SMTP transport replaced by mock-javamail's, as the mailer
 * plugin's own MailerTest does, through the surefire system property {@code mail.smtp.class} in pom.xml), a gate of
 * a system without addresses mails no one. Runs only in the full build.
 */
public class MailJenkinsTest {
    private static final String LEADS = "checkout-leads@example.com";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        Mailbox.clearAll();
        site = new GateFixtures.DocumentationSite();
        String registry = GateFixtures.registry(site.port()).replaceFirst("    owners: \\[team-checkout\\]\n",
                "    owners: [team-checkout]\n    notify:\n      email: [" + LEADS + "]\n");
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(registry));
    }

    @After
    public void tearDown() {
        site.close();
        Mailbox.clearAll();
    }

    private WorkflowRun openGate(String system, String changeId) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy-" + changeId);
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate(system: '" + system + "', changeId: '" + changeId
                + "', documentationUrl: '" + site.url(changeId) + "')\n", true));
        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
        j.waitForMessage("waiting for approval of " + changeId, b);
        return b;
    }

    /** The mail goes out on the plugin's pool after the gate opened: wait for it, boundedly. */
    private static Mailbox awaitMail(String address, int count) throws Exception {
        Mailbox inbox = Mailbox.get(new InternetAddress(address));
        for (int i = 0; i < 600 && inbox.size() < count; i++) {
            Thread.sleep(100);
        }
        return inbox;
    }

    /** The outcomes listed for this change: MailDelivery's log is static, so it holds the other tests' mails too. */
    private static List<Delivery> deliveriesAbout(String changeId) {
        return MailDelivery.lastDeliveries().stream().filter(d -> d.subject().startsWith(changeId + " "))
                .collect(Collectors.toList());
    }

    @Test
    public void anOpenedGateOfASystemWithAddressesIsMailed() throws Exception {
        // counts are per JVM, and surefire runs this class's tests (and others) in one: compare with the count before
        long deliveredBefore = MailDelivery.delivered();
        WorkflowRun b = openGate(GateFixtures.CHECKOUT, "CHG-701");

        Mailbox inbox = awaitMail(LEADS, 1);
        assertThat("one mail to the address the registry lists", inbox, hasSize(1));
        Message mail = inbox.get(0);
        assertThat(mail.getSubject(), is("[critical-change-gate] Approval needed: change CHG-701 to "
                + GateFixtures.CHECKOUT));
        String body = ((Multipart) mail.getContent()).getBodyPart(0).getContent().toString();
        assertThat(body, containsString("Change: CHG-701\n"));
        assertThat(body, containsString("Gate page: "));
        assertThat(body, containsString(b.getUrl() + "critical-change-gate/"));
        assertThat(body, containsString("Started by: alice\n"));
        assertThat(MailDelivery.delivered(), is(deliveredBefore + 1));
        List<Delivery> outcomes = deliveriesAbout("CHG-701");
        assertThat(outcomes, hasSize(1));
        assertThat(outcomes.get(0).status(), is(Delivery.Status.DELIVERED));
        assertThat(outcomes.get(0).target(), is("e-mail to " + LEADS));
        b.doStop();
        j.waitForCompletion(b);
    }

    @Test
    public void aSystemWithoutAddressesIsMailedToNoOne() throws Exception {
        WorkflowRun b = openGate(GateFixtures.PAYMENTS, "CHG-702");

        Thread.sleep(3000); // a mail, were one sent, would be on its way by now: the opened gate's took < 1 s above
        assertThat(Mailbox.get(new InternetAddress(LEADS)), is(empty()));
        assertThat(deliveriesAbout("CHG-702"), is(empty()));
        assertThat(MailDelivery.recipients(GateFixtures.PAYMENTS), is(empty()));
        b.doStop();
        j.waitForCompletion(b);
    }
}
