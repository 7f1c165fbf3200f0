package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.casc.misc.RoundTripAbstractTest;
import java.util.List;
import org.jvnet.hudson.test.RestartableJenkinsRule;

/**
 * JCasC round trip of the notification settings ({@code unclassified: criticalChangeNotifications:}, the file next to
 * this class): two webhooks, one for Slack limited to two events and one system, one signed with a credential. Runs
 * only in the full build.
 */
public class NotificationConfigurationAsCodeJenkinsTest extends RoundTripAbstractTest {
    @Override
    protected void assertConfiguredAsExpected(RestartableJenkinsRule j, String configContent) {
        NotificationConfiguration config = NotificationConfiguration.get();
        assertThat(config.getAllowedHosts(), is("hooks.slack.com, chat.example.com"));
        assertThat(config.isAllowHttp(), is(false));
        assertThat(config.getReminderMinutes(), is(90));
        List<WebhookEndpoint> webhooks = config.getWebhooks();
        assertThat(webhooks.size(), is(2));
        assertThat(webhooks.get(0).getUrl(), is("https://hooks.slack.com/services/T000/B000/XXXXXXXX"));
        assertThat(webhooks.get(0).getEvents(), is("gate.opened, gate.expiring"));
        assertThat(webhooks.get(0).getSystems(), is("checkout-service"));
        assertThat(webhooks.get(0).getCredentialsId(), nullValue());
        assertThat(webhooks.get(1).getUrl(), is("https://chat.example.com/hooks/critical-changes"));
        assertThat(webhooks.get(1).getCredentialsId(), is("chat-hook-secret"));
        assertThat(webhooks.get(1).getEvents(), is(""));
        assertThat(config.urlProblem(webhooks.get(1).getUrl()), nullValue());
    }

    @Override
    protected String stringInLogExpected() {
        return "reminderMinutes";
    }
}
