package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An envelope made by an implementation nobody here wrote (central/interop/sign.mjs: Sigstore's {@code @sigstore/core}
 * DSSE encoding with Node's Ed25519; URL-safe base64 payload, Node's own JSON), kept as a test resource so that CI
 * checks interoperability without npm: {@code attest verify} accepts it, and refuses it once tampered.
 */
public class AttestInteropTest {
    private static final String RESOURCES = "/io/jenkins/plugins/criticalchangegate/attestation/interop/";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void copyResources() throws Exception {
        dir = tmp.getRoot().toPath();
        for (String name : new String[] {"independent.intoto.jsonl", "independent.pub", "interop.txt"}) {
            try (InputStream in = AttestInteropTest.class.getResourceAsStream(RESOURCES + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    @Test
    public void verifiesAnEnvelopeFromAnIndependentImplementation() {
        ToolRun verify = ToolRun.in(dir, "attest", "verify", "independent.intoto.jsonl", "--public-key",
                "independent.pub", "--subject-file", "interop.txt", "--system", "checkout-service");
        assertThat(verify.toString(), verify.exit, is(0));
        assertThat(verify.out, containsString("verified: interop.txt approved for checkout-service"
                + " (change CHG-INTEROP)"));
    }

    @Test
    public void refusesItOnceTampered() throws Exception {
        String line = Files.readString(dir.resolve("independent.intoto.jsonl")).strip();
        Matcher m = Pattern.compile("\"payload\":\"([^\"]+)\"").matcher(line);
        assertThat(m.find(), is(true));
        String payload = new String(Base64.getUrlDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
        String changed = payload.replace("CHG-INTEROP", "CHG-INTEROQ");
        assertThat(changed.equals(payload), is(false));
        Files.writeString(dir.resolve("tampered.jsonl"), line.replace(m.group(1),
                Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))));
        ToolRun verify = ToolRun.in(dir, "attest", "verify", "tampered.jsonl", "--public-key", "independent.pub");
        assertThat(verify.exit, is(1));
        assertThat(verify.out, containsString("FAIL signature: no signature verifies"));
    }
}
