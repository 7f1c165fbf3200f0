package io.jenkins.plugins.criticalchangegate.release;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal record of one gated-credential decision ({@code CREDENTIALS_RELEASED} or {@code CREDENTIALS_REFUSED},
 * docs/audit.md): what Jenkins appends at every lookup, so an auditor sees which builds used which deploy credentials
 * under which approval, and every refusal.
 */
public final class CredentialRecords {
    private CredentialRecords() {
    }

    public static AuditEvent of(ReleaseDecision decision, CredentialLookup lookup) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("credentialId", decision.credentialId());
        fields.put("system", decision.system());
        decision.gateId().ifPresent(g -> fields.put("gateId", g));
        if (lookup.hasBuild()) {
            fields.put("job", lookup.job().orElse(""));
            fields.put("build", lookup.build());
        }
        fields.put("reason", decision.reason());
        fields.put("emergency", decision.emergency());
        return AuditEvent.of(decision.released() ? AuditEventType.CREDENTIALS_RELEASED
                : AuditEventType.CREDENTIALS_REFUSED, fields);
    }
}
