package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationException;
import io.jenkins.plugins.criticalchangegate.attestation.EnvelopeVerifier;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationKey;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.attestation.AttestationArchive;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jenkins.util.VirtualFile;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the attestation tests share: reading the archived envelopes through the build's artifact manager, fetching the
 * public keys as a deploy target would (over HTTP, from {@code /critical-change-gate-attestation/}), verifying with the
 * Jenkins-free {@link EnvelopeVerifier} (the code {@code attest verify} runs), and reading the journal. No tests of
 * its own (abstract; named *JenkinsTest because it uses the test harness, see ArchitectureTest); static, so JenkinsRule
 * and JenkinsSessionRule tests both use it.
 */
abstract class AbstractAttestationJenkinsTest extends AbstractGateJenkinsTest {
    /** The public keys' page, as deploy targets and auditors reach it (docs/attestation.md). */
    static final String KEYS_PAGE = "critical-change-gate-attestation/";
    /** The audit page under Manage Jenkins, where administrators rotate the key. */
    static final String AUDIT_PAGE = "critical-change-gate-audit/";

    /** The build's archived envelopes, one per line; fails when the artifact is missing. */
    static List<String> archivedEnvelopes(Run<?, ?> b) throws IOException {
        VirtualFile file = b.getArtifactManager().root().child(AttestationArchive.FILE_NAME);
        assertThat(AttestationArchive.FILE_NAME + " archived with " + b, file.exists(), is(true));
        String text;
        try (InputStream in = file.open()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat("JSON Lines end with a line break", text.endsWith("\n"), is(true));
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(line);
        }
        return lines;
    }

    /** Whether the build archived any attestation. */
    static boolean archivedAny(Run<?, ?> b) throws IOException {
        return b.getArtifactManager().root().child(AttestationArchive.FILE_NAME).exists();
    }

    /**
     * A GET as {@code user} (null: anonymous), redirects not followed, failing statuses returned rather than thrown.
     */
    static WebResponse get(JenkinsRule j, String user, String relative) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        wc.getOptions().setRedirectEnabled(false);
        return wc.getPage(new WebRequest(new URL(j.getURL(), relative), HttpMethod.GET)).getWebResponse();
    }

    /** A crumbed POST as {@code user}, as the audit page's form sends it; redirects not followed. */
    static WebResponse post(JenkinsRule j, String user, String relative) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        wc.getOptions().setRedirectEnabled(false);
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(relative), HttpMethod.POST)).getWebResponse();
    }

    /** The PEM a deploy target downloads ({@code attestationPub} or {@code keysPem}), as {@code user}. */
    static String downloadPem(JenkinsRule j, String user, String which) throws Exception {
        WebResponse response = get(j, user, KEYS_PAGE + which);
        assertThat(response.getContentAsString(), response.getStatusCode(), is(200));
        assertThat(response.getContentType(), is("application/x-pem-file"));
        return response.getContentAsString(StandardCharsets.US_ASCII);
    }

    /** Verifies an envelope line with the keys in {@code pem}, asking for the subject and the system. */
    static VerificationReport verify(String envelope, String pem, String subjectSha256, String system)
            throws AttestationException {
        List<VerificationKey> keys = VerificationKey.parseAll(pem, "the downloaded public key(s)");
        return EnvelopeVerifier.trusting(keys).subjectSha256(subjectSha256).system(system).build()
                .verify(envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** Every journal record of this type, from the journal configured now. */
    static List<JournalRecord> journaled(AuditEventType type) throws IOException {
        List<JournalRecord> found = new ArrayList<>();
        JournalQuery.builder().build().forEach(CriticalChangeGateConfiguration.get().journalPath(),
                (record, line) -> {
                    if (record.type() == type) {
                        found.add(record);
                    }
                });
        return found;
    }

    /** Lowercase hex SHA-256. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(String ascii) {
        return sha256(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
