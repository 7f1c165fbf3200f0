package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A keyed journal for the report's tests, written at chosen times over three weeks: an approved change whose values
 * carry HTML (to prove escaping), a rejected one, an emergency approved one with an attestation and a credential
 * release, and a gate that is not critical.
 */
final class ReportJournal {
    static final String INJECTION = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final byte[] KEY = "report-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ReportJournal() {
    }

    /** Writes {@code dir/journal} and {@code dir/journal.key}. */
    static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("journal.key"), JournalKeyFile.encode(KEY), StandardCharsets.UTF_8);
        SetClock clock = new SetClock();
        try (AuditJournal j = AuditJournal.open(dir.resolve("journal"),
                JournalOptions.builder().key(KEY).clock(clock).build())) {
            clock.at("2026-11-02T09:00:00Z");
            Map<String, Object> registry = Map.of("sha256", "ab".repeat(32), "loadedAt", "2026-11-01T08:00:00Z",
                    "source", "file:/var/jenkins/critical-systems.yaml");
            j.append(AuditEvent.gateRequested("retail/checkout/deploy", 41, "checkout-service", "CHG-1",
                    "0123456789abcdef0123456789abcdef01234567", "carol").with("registry", registry));
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("sha256", "cd".repeat(32));
            evidence.put("title", "Rollout " + INJECTION);
            evidence.put("finalUrl", "https://wiki.example.com/CHG-1");
            evidence.put("status", 200L);
            j.append(AuditEvent.documentationChecked("retail/checkout/deploy", 41, "checkout-service", "CHG-1",
                    "https://wiki.example.com/CHG-1", "VERIFIED", evidence));
            j.append(AuditEvent.approvalRefused("retail/checkout/deploy", 41, "checkout-service", "CHG-1", "carol",
                    "SELF_APPROVAL"));
            clock.at("2026-11-02T11:30:00Z");
            j.append(AuditEvent.approvalAccepted("retail/checkout/deploy", 41, "checkout-service", "CHG-1", "erin",
                    "checkout-leads").with("comment", "fine " + INJECTION));
            clock.at("2026-11-02T13:00:00Z");
            j.append(AuditEvent.approvalAccepted("retail/checkout/deploy", 41, "checkout-service", "CHG-1",
                    "frank", "sre-oncall"));
            j.append(AuditEvent.decided("retail/checkout/deploy", 41, "checkout-service", "CHG-1", "APPROVED",
                    List.of("erin", "frank")));

            clock.at("2026-11-10T10:00:00Z");
            j.append(AuditEvent.gateRequested("retail/checkout/deploy", 42, "checkout-service", "CHG-2", null,
                    "carol"));
            clock.at("2026-11-12T10:00:00Z");
            j.append(AuditEvent.rejected("retail/checkout/deploy", 42, "checkout-service", "CHG-2", "frank",
                    "no load test"));
            j.append(AuditEvent.decided("retail/checkout/deploy", 42, "checkout-service", "CHG-2", "REJECTED",
                    List.of()));

            clock.at("2026-11-20T03:00:00Z");
            j.append(AuditEvent.gateRequested("retail/checkout/deploy", 43, "checkout-service", "CHG-3", null,
                    "carol").with("emergency", true).with("incidentId", "INC-4711"));
            clock.at("2026-11-20T03:10:00Z");
            j.append(AuditEvent.approvalAccepted("retail/checkout/deploy", 43, "checkout-service", "CHG-3", "ian",
                    "incident-commanders"));
            j.append(AuditEvent.decided("retail/checkout/deploy", 43, "checkout-service", "CHG-3", "APPROVED",
                    List.of("ian")).with("emergency", true).with("incidentId", "INC-4711")
                    .with("approvedAt", "2026-11-20T03:10:00Z").with("reviewDue", "2026-11-21T03:10:00Z"));
            j.append(AuditEvent.of(AuditEventType.ATTESTED, gate(43, "CHG-3", Map.of("envelopeSha256",
                    "ef".repeat(32), "keyId", "0011223344556677", "predicateType",
                    "https://critical-change-gate.jenkins.io/approval/v1"))));
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("credentialId", "prod-deploy-key");
            release.put("system", "checkout-service");
            release.put("job", "retail/checkout/deploy");
            release.put("build", 43L);
            release.put("reason", "approved gate");
            release.put("emergency", true);
            j.append(AuditEvent.of(AuditEventType.CREDENTIALS_RELEASED, release));

            clock.at("2026-11-21T08:00:00Z");
            j.append(AuditEvent.notCritical("intranet/wiki/deploy", 7, "intranet-wiki", "CHG-4", "dave"));
        }
    }

    private static Map<String, Object> gate(long build, String change, Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", "retail/checkout/deploy");
        fields.put("build", build);
        fields.put("system", "checkout-service");
        fields.put("changeId", change);
        fields.putAll(more);
        return fields;
    }

    /** A clock the test sets: the journal stamps each record with the time set last. */
    static final class SetClock extends Clock {
        private volatile Instant now = Instant.EPOCH;

        void at(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
