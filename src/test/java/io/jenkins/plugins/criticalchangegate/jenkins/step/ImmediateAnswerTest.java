package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The record of an answer given without a gate (issue 16): a denied emergency request says {@code emergency} and
 * {@code incidentId} on its DECIDED record, as the approved ones do, so an auditor finds every attempt to break the
 * glass; and a denial never opens a review.
 */
public class ImmediateAnswerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aDeniedEmergencyRequestIsJournaledAsEmergencyWithItsIncident() {
        AuditEvent event = ImmediateAnswer.denied("hotfix", 3, "payments-api", "CHG-93",
                "system 'payments-api' has no emergency path", "INC-4711").event();
        assertThat(event.type(), is(AuditEventType.DECIDED));
        assertThat(event.fields().get("outcome"), is("DENIED"));
        assertThat(event.fields().get(EmergencyRecords.EMERGENCY), is(Boolean.TRUE));
        assertThat(event.fields().get(EmergencyRecords.INCIDENT_ID), is("INC-4711"));
        assertThat(event.fields().get("reason"), is("system 'payments-api' has no emergency path"));
    }

    @Test
    public void aUsualDenialAndAPassSayNothingOfAnEmergency() {
        AuditEvent denied = ImmediateAnswer.denied("deploy", 4, "payments-api", "CHG-1", "frozen", null).event();
        assertThat(denied.fields(), not(hasKey(EmergencyRecords.EMERGENCY)));
        assertThat(denied.fields(), not(hasKey(EmergencyRecords.INCIDENT_ID)));
        AuditEvent passed = ImmediateAnswer.notCritical("deploy", 5, "wiki", "CHG-2", "alice").event();
        assertThat(passed.type(), is(AuditEventType.NOT_CRITICAL));
        assertThat(passed.fields(), not(hasKey(EmergencyRecords.EMERGENCY)));
    }

    @Test
    public void aDeniedEmergencyRequestOpensNoReview() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(ImmediateAnswer.denied("hotfix", 3, "checkout-service", "CHG-94",
                    "incident id 'see INC-1' does not match", "see INC-1").event());
        }
        EmergencyReviews reviews = EmergencyReviews.read(dir);
        assertThat(reviews.all(), is(List.of()));
    }

    @Test(expected = IllegalArgumentException.class)
    public void onlyADenialIsMarkedAsADeniedEmergency() {
        EmergencyRecords.denied(AuditEvent.decided("deploy", 1, "checkout-service", "CHG-1", "APPROVED",
                List.of("ian")), "INC-1");
    }
}
