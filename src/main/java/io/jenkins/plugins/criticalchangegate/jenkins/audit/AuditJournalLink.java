package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.jenkins.attestation.AttestationKeys;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyChanges;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyReviewMonitor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.JournalKeyFit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Manage Jenkins → Security → "Critical change gate audit": where the journal is, whether Jenkins holds its
 * key and the key's id, how an auditor verifies the journal, and the download of the key they need for that.
 *
 * <p>The key is secret (whoever holds it can write records that verify), so the download is for administrators only,
 * by POST only (a link or an image cannot trigger it), never cached, and on the record twice: a line in the system
 * log and a {@code KEY_EXPORTED} record in the journal itself, written <em>before</em> the key is sent; when the
 * journal cannot record it, no key is sent. The page shows the key's id, never the key.
 *
 * <p>The page also shows the attestation signing key's id, links to its public keys, and lets an administrator
 * rotate it (by POST, journaled first as {@code ATTESTATION_KEY_ROTATED}); and it marks the emergency (break-glass)
 * approvals, overdue, open and reviewed (issue 16).
 */
@Extension
public class AuditJournalLink extends ManagementLink {
    private static final Logger LOGGER = Logger.getLogger(AuditJournalLink.class.getName());
    static final String URL_NAME = "critical-change-gate-audit";

    private final JenkinsFacade jenkins = new JenkinsFacade();

    @Override
    public String getIconFileName() {
        return "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Critical change gate audit";
    }

    @Override
    public String getDescription() {
        return "Where the audit journal is kept, its key's id, and the verification key auditors need.";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    /** What the page shows; administrators only (the page checks too, this is for a direct request). */
    public Status getStatus() {
        jenkins.checkPermission(Jenkins.ADMINISTER);
        return Status.of(GateJournal.get().directory());
    }

    /**
     * The emergency (break-glass) approvals, overdue, open and reviewed (issue 16), from the administrators' monitor's
     * snapshot of the journal: the page never waits on the journal. Administrators only, as the page.
     */
    public EmergencyChanges getEmergencyChanges() {
        jenkins.checkPermission(Jenkins.ADMINISTER);
        return EmergencyReviewMonitor.changes();
    }

    /**
     * Sends the journal's key as a key file ({@link JournalKeyFile}), after recording who took it. Makes the key (and
     * the journal) when there is none yet, so that the file an auditor gets always verifies the journal that follows.
     */
    @RequirePOST
    public void doVerificationKey(StaplerResponse2 rsp) throws IOException {
        jenkins.checkPermission(Jenkins.ADMINISTER);
        String user = jenkins.authentication().getName();
        byte[] key;
        try {
            key = GateJournal.get().exportKey(user);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Refused to export the audit journal key to {0}: the export could not be"
                    + " recorded in the audit journal: {1}", new Object[] {user, e.getMessage()});
            throw HttpResponses.errorWithoutStack(503, "The verification key was not exported, because the export"
                    + " could not be recorded in the audit journal: " + e.getMessage());
        }
        String keyId = JournalKeyFile.keyId(key);
        byte[] body = JournalKeyFile.encode(key).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(key, (byte) 0);
        LOGGER.log(Level.WARNING, "{0} downloaded the audit journal''s verification key (key id {1}); the download is"
                + " recorded in the audit journal", new Object[] {user, keyId});
        rsp.setContentType("text/plain;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(keyId) + "\"");
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /**
     * Rotates the attestation signing key (docs/attestation.md, "The key in Jenkins"): the old public key stays listed
     * with the time it stopped signing. Administrators only, by POST only; journaled first
     * ({@code ATTESTATION_KEY_ROTATED}, with the old and new key ids), as the key export is: when the journal cannot
     * record it, the key is not rotated. Back to this page, which shows the new key id.
     */
    @RequirePOST
    public HttpResponse doRotateAttestationKey() {
        jenkins.checkPermission(Jenkins.ADMINISTER);
        String user = jenkins.authentication().getName();
        AttestationKeys.Rotation rotation;
        try {
            rotation = AttestationKeys.rotate((oldKeyId, newKeyId) ->
                    GateJournal.get().append(AttestationRecord.keyRotated(user, oldKeyId, newKeyId)));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Refused to rotate the attestation key for {0}: {1}",
                    new Object[] {user, e.getMessage()});
            throw HttpResponses.errorWithoutStack(503, "The attestation key was not rotated: " + e.getMessage());
        }
        LOGGER.log(Level.WARNING, "{0} rotated the attestation signing key: {1} retired, {2} signs from now on; the"
                + " rotation is recorded in the audit journal", new Object[] {user, rotation.oldKeyId(),
                        rotation.newKeyId()});
        return HttpResponses.redirectToDot();
    }

    /** The downloaded file's name: names the key, so that the keys of successive journals are not mixed up. */
    static String fileName(String keyId) {
        return "critical-change-gate-audit-key-" + keyId + ".txt";
    }

    /** The state of the journal and its key, read without opening the journal. */
    public static final class Status {
        private final String directory;
        @CheckForNull
        private final String keyId;
        private final String journal;
        private final boolean healthy;
        /** The attestation key that signs now, or why it cannot be read, or that there is none yet. */
        private final String attestationKey;

        private Status(String directory, @CheckForNull String keyId, String journal, boolean healthy) {
            this.directory = directory;
            this.keyId = keyId;
            this.journal = journal;
            this.healthy = healthy;
            this.attestationKey = attestationKey();
        }

        private static String attestationKey() {
            try {
                String id = AttestationKeys.currentKeyId();
                return id == null ? "none yet: Jenkins makes it with the first attestation" : id;
            } catch (IOException e) {
                return "cannot be read: " + e.getMessage();
            }
        }

        static Status of(Path dir) {
            String keyId;
            try {
                byte[] key = JournalKey.get().existing();
                keyId = key == null ? null : JournalKeyFile.keyId(key);
                if (key != null) {
                    Arrays.fill(key, (byte) 0);
                }
            } catch (IOException e) {
                return new Status(dir.toString(), null, "Jenkins' journal key cannot be read: " + e.getMessage(),
                        false);
            }
            JournalKeyFit fit;
            try {
                fit = JournalKeyFit.read(dir, keyId);
            } catch (IOException e) {
                return new Status(dir.toString(), keyId, e.getMessage(), false);
            }
            return new Status(dir.toString(), keyId, fit.summary(), fit.problem().isEmpty());
        }

        public String getDirectory() {
            return directory;
        }

        public boolean isKeyPresent() {
            return keyId != null;
        }

        /** The key's id (as the journal's first record names it), never the key; null when there is no key yet. */
        @CheckForNull
        public String getKeyId() {
            return keyId;
        }

        public String getJournal() {
            return journal;
        }

        public boolean isHealthy() {
            return healthy;
        }

        /** The id of the attestation key that signs now (or why there is none to show); never the key. */
        public String getAttestationKey() {
            return attestationKey;
        }

        /** The page with the attestation public keys, relative to Jenkins' root URL. */
        public String getAttestationKeysPage() {
            return AttestationKeys.PAGE;
        }

        /** The command an auditor runs on a copy of the directory, with the downloaded file. */
        public String getVerifyCommand() {
            return "java -jar critical-change-gate-tool.jar audit verify " + directory + " --key-file "
                    + (keyId == null ? "critical-change-gate-audit-key-<key id>.txt" : fileName(keyId));
        }
    }
}
