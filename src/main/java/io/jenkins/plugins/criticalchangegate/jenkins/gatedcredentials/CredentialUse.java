package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.time.Instant;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One release or refusal of a gated credential to a build, as kept in build.xml: plain fields (epoch milliseconds,
 * no {@code Instant}: JEP-200 lets XStream write only listed JRE classes).
 */
@ExportedBean(defaultVisibility = 2)
public final class CredentialUse {
    /** Released or refused, by an emergency gate or not: one enum (XStream2 keeps the plugin's enums, not Booleans). */
    enum Outcome {
        RELEASED, RELEASED_EMERGENCY, REFUSED, REFUSED_EMERGENCY
    }

    private final long atMillis;
    private final String credentialId;
    private final String system;
    @CheckForNull
    private final String gateId;
    private final Outcome outcome;
    private final String reason;

    private CredentialUse(long atMillis, String credentialId, String system, @CheckForNull String gateId,
            Outcome outcome, String reason) {
        this.atMillis = atMillis;
        this.credentialId = credentialId;
        this.system = system;
        this.gateId = gateId;
        this.outcome = outcome;
        this.reason = reason;
    }

    static CredentialUse of(ReleaseDecision decision, long atMillis) {
        return new CredentialUse(atMillis, decision.credentialId(), decision.system(), decision.gateId().orElse(null),
                decision.released() ? (decision.emergency() ? Outcome.RELEASED_EMERGENCY : Outcome.RELEASED)
                        : (decision.emergency() ? Outcome.REFUSED_EMERGENCY : Outcome.REFUSED), decision.reason());
    }

    @Exported
    public String getAt() {
        return Instant.ofEpochMilli(atMillis).toString();
    }

    @Exported
    public String getCredentialId() {
        return credentialId;
    }

    @Exported
    public String getSystem() {
        return system;
    }

    @Exported
    @CheckForNull
    public String getGateId() {
        return gateId;
    }

    @Exported
    public boolean isReleased() {
        return outcome == Outcome.RELEASED || outcome == Outcome.RELEASED_EMERGENCY;
    }

    @Exported
    public boolean isEmergency() {
        return outcome == Outcome.RELEASED_EMERGENCY || outcome == Outcome.REFUSED_EMERGENCY;
    }

    @Exported
    public String getReason() {
        return reason;
    }
}
