package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationKeyRing;
import io.jenkins.plugins.criticalchangegate.attestation.ListedKey;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * {@code /critical-change-gate-attestation/}: the public keys that verify this Jenkins' approval attestations, for
 * anyone with Overall/Read (deploy targets and auditors fetch them; a public key is no secret). The page lists every
 * key with its id and validity, the current one first; {@code attestationPub} is the current key's PEM and
 * {@code keysPem} all of them ({@code attest verify --public-key} reads either), {@code keysJson} all of them with
 * their validity as JSON.
 *
 * <p>Not in the side panel (no icon): the audit page and docs/attestation.md link to it. Jenkins checks Overall/Read
 * before routing to a root action; the methods check it again for a direct call.
 */
@Extension
public class AttestationKeysAction implements RootAction {
    static final String URL_NAME = "critical-change-gate-attestation";
    private static final String PEM = "application/x-pem-file";

    private final JenkinsFacade jenkins = new JenkinsFacade();

    @Override
    @CheckForNull
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Critical change gate attestation keys";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * Why the keys cannot be shown (the ring is stored but cannot be read or decrypted), or null. The page shows it
     * instead of the keys, rather than Jenkins' error page: nothing is signed meanwhile (attesting fails closed).
     */
    @CheckForNull
    public String getProblem() {
        jenkins.checkPermission(Jenkins.READ);
        try {
            AttestationKey.get().getOrCreate();
            return null;
        } catch (IOException e) {
            return "The attestation keys cannot be read: " + e.getMessage();
        }
    }

    /** The keys, the current one first; made on first use, as the first attestation would make them. */
    public List<KeyView> getKeys() throws IOException {
        jenkins.checkPermission(Jenkins.READ);
        List<KeyView> keys = new ArrayList<>();
        boolean current = true;
        for (ListedKey key : AttestationKey.get().getOrCreate().listed()) {
            keys.add(new KeyView(key, current));
            current = false;
        }
        return keys;
    }

    /** {@code attestationPub}: the current key, SubjectPublicKeyInfo PEM. Read-only, so GET. */
    @GET
    public void doAttestationPub(StaplerResponse2 rsp) throws IOException {
        jenkins.checkPermission(Jenkins.READ);
        AttestationKeyRing ring = ring();
        send(rsp, PEM, "attestation-" + ring.current().keyId() + ".pub", ascii(ring.current().publicKey().toPem()));
    }

    /** {@code keysPem}: every key, each after a comment line with its id and validity. Read-only, so GET. */
    @GET
    public void doKeysPem(StaplerResponse2 rsp) throws IOException {
        jenkins.checkPermission(Jenkins.READ);
        send(rsp, PEM, "attestation-keys.pem", ascii(ring().toPem()));
    }

    /**
     * {@code keysJson}: every key as JSON, {@code {"current": keyid, "keys": [{"keyid", "algorithm", "publicKey",
     * "validFrom", "validUntil"}]}}, for tools that keep the validity of each key. Read-only, so GET.
     */
    @GET
    public void doKeysJson(StaplerResponse2 rsp) throws IOException {
        jenkins.checkPermission(Jenkins.READ);
        send(rsp, "application/json;charset=UTF-8", "attestation-keys.json", ring().toJsonBytes());
    }

    private static AttestationKeyRing ring() {
        try {
            return AttestationKey.get().getOrCreate();
        } catch (IOException e) {
            throw HttpResponses.errorWithoutStack(503, "The attestation keys cannot be read: " + e.getMessage());
        }
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(StaplerResponse2 rsp, String contentType, String fileName, byte[] body)
            throws IOException {
        rsp.setContentType(contentType);
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /** One key as the page shows it. */
    public static final class KeyView {
        private final ListedKey key;
        private final boolean current;

        KeyView(ListedKey key, boolean current) {
            this.key = key;
            this.current = current;
        }

        public String getKeyId() {
            return key.key().keyId();
        }

        public String getPem() {
            return key.key().toPem();
        }

        public String getValidFrom() {
            return key.validFrom().toString();
        }

        /** When it stopped signing; "" for the current key. */
        public String getValidUntil() {
            return key.validUntil().map(Object::toString).orElse("");
        }

        public boolean isCurrent() {
            return current;
        }
    }
}
