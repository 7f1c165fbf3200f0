package io.jenkins.plugins.criticalchangegate.release;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a form update of a gated credential may bind it to another system. It may not: the Update form keeps the
 * stored secret, so whoever may update credentials (Credentials/Update, which a folder may grant to people who were
 * never told the secret) could otherwise rebind it to a critical system whose gate they can get approved, and obtain
 * it. Binding a secret to another system takes knowing it: delete the credential and add it again (or send its XML,
 * whose secrets the REST export never shows). Ids compare as the registry compares them: ignoring case and blanks.
 */
public final class SystemRebinding {
    private SystemRebinding() {
    }

    /** Empty when the update keeps the system; otherwise the message that refuses it, naming both systems. */
    public static Optional<String> refusal(String credentialId, String boundSystem, String updatedSystem) {
        if (key(boundSystem).equals(key(updatedSystem))) {
            return Optional.empty();
        }
        return Optional.of("gated credential '" + credentialId + "' is bound to system '" + boundSystem.strip()
                + "' and keeps its secret across this form, so it cannot be bound to '" + updatedSystem.strip()
                + "' here: delete it and add it again with the secret, bound to '" + updatedSystem.strip() + "'");
    }

    private static String key(String system) {
        return system == null ? "" : system.strip().toLowerCase(Locale.ROOT);
    }
}
