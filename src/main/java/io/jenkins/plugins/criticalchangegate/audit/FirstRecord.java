package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members of a journal's first record, {@code JOURNAL_CREATED}, checked exactly (docs/audit.md, "What a verifier
 * checks"): it says how every later record is hashed, so a verifier that guessed at a missing or unknown
 * {@code format} could pass a journal written under rules it does not know.
 */
final class FirstRecord {
    /** The only format there is; a later one would need a verifier that knows it. */
    static final long FORMAT = 1;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private FirstRecord() {
    }

    /**
     * What is wrong with the members of a {@code JOURNAL_CREATED} record.
     *
     * @return why it is malformed, or null when its members are exactly {@code chain}, {@code format} (1) and, for
     *     {@code hmac-sha256}, {@code keyId} (16 lowercase hex digits)
     */
    @CheckForNull
    static String problem(JournalRecord first) {
        Object chain = first.fields().get("chain");
        boolean keyed = ChainHash.HMAC_SHA256.equals(chain);
        if (!keyed && !ChainHash.SHA256.equals(chain)) {
            return "the first record's 'chain' is " + (chain == null ? "missing" : "'" + chain + "'") + " (expected"
                    + " sha256 or hmac-sha256)";
        }
        Object format = first.fields().get("format");
        if (!Long.valueOf(FORMAT).equals(format)) {
            return "the first record's 'format' is " + (format == null ? "missing" : format) + ": this verifier"
                    + " knows format " + FORMAT + " only";
        }
        Object keyId = first.fields().get("keyId");
        if (keyed && !(keyId instanceof String && KEY_ID.matcher((String) keyId).matches())) {
            return "the first record of a keyed journal needs 'keyId', 16 lowercase hex digits";
        }
        Set<String> allowed = keyed ? Set.of("chain", "format", "keyId") : Set.of("chain", "format");
        for (String name : first.fields().keySet()) {
            if (!allowed.contains(name)) {
                return "the first record has a member '" + name + "' that a " + chain + " journal's JOURNAL_CREATED"
                        + " record does not have";
            }
        }
        return null;
    }
}
