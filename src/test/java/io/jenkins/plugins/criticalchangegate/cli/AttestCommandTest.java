package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code attest keygen}, {@code attest verify} and {@code simulate --attest-key --attest-out}, end to end through
 * {@link Main} on real files.
 */
public class AttestCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;
    private String sha;

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        Files.writeString(dir.resolve("app.jar"), "the artifact\n");
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("app.jar"))));
    }

    private ToolRun run(String... args) {
        return ToolRun.in(dir, args);
    }

    private ToolRun simulate(String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml", "--system",
                "checkout-service", "--started-by", "carol", "--attest-key", "keys/attestation.key", "--attest-out",
                "gate.intoto.jsonl"));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    public void keygenWritesAnOwnerOnlyPrivateKeyAndAPublicKey() throws Exception {
        ToolRun keygen = run("attest", "keygen", "keys");
        assertThat(keygen.toString(), keygen.exit, is(0));
        Path key = dir.resolve("keys/attestation.key");
        assertThat(Files.readString(key), containsString("-----BEGIN PRIVATE KEY-----"));
        assertThat(Files.readString(dir.resolve("keys/attestation.pub")), containsString("-----BEGIN PUBLIC KEY-----"));
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), is("rw-------"));
    }

    @Test
    public void keygenNeverOverwritesAKey() throws Exception {
        assertThat(run("attest", "keygen", "keys").exit, is(0));
        String before = Files.readString(dir.resolve("keys/attestation.key"));
        ToolRun again = run("attest", "keygen", "keys");
        assertThat(again.exit, is(1));
        assertThat(again.err, containsString("attestation.key: exists; attest keygen never overwrites a key"));
        assertThat(Files.readString(dir.resolve("keys/attestation.key")), is(before));
    }

    @Test
    public void anApprovedSimulationIsAttestedAndVerifies() throws Exception {
        run("attest", "keygen", "keys");
        ToolRun sim = simulate("--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall",
                "--subject-sha256", "app.jar=" + sha);
        assertThat(sim.toString(), sim.exit, is(0));
        String envelope = Files.readString(dir.resolve("gate.intoto.jsonl"));
        assertThat(envelope.strip(), not(containsString("\n"))); // one JSON object on one line
        ToolRun verify = run("attest", "verify", "gate.intoto.jsonl", "--public-key", "keys/attestation.pub",
                "--subject-file", "app.jar", "--system", "checkout-service", "--max-age", "1h");
        assertThat(verify.toString(), verify.exit, is(0));
        assertThat(verify.out, containsString("ok   signature: Ed25519 signature 1 by key"));
        assertThat(verify.out, containsString("verified: app.jar approved for checkout-service"));
    }

    @Test
    public void verifyNamesEveryFailedCheck() throws Exception {
        run("attest", "keygen", "keys");
        simulate("--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall", "--subject-sha256",
                "app.jar=" + sha);
        ToolRun verify = run("attest", "verify", "gate.intoto.jsonl", "--public-key", "keys/attestation.pub",
                "--subject-sha256", "00".repeat(32), "--system", "payments", "--max-age", "0s");
        assertThat(verify.exit, is(1));
        assertThat(verify.out, containsString("FAIL subject: no subject has sha256 " + "00".repeat(32)));
        assertThat(verify.out, containsString("FAIL system: approved for 'checkout-service', not 'payments'"));
        assertThat(verify.err, containsString("not verified: 3 check(s) failed: subject, system, max-age"));
    }

    @Test
    public void anotherKeyIsRefused() throws Exception {
        run("attest", "keygen", "keys");
        run("attest", "keygen", "other");
        simulate("--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall", "--subject-sha256",
                "app.jar=" + sha);
        ToolRun verify = run("attest", "verify", "gate.intoto.jsonl", "--public-key", "other/attestation.pub");
        assertThat(verify.exit, is(1));
        assertThat(verify.out, containsString("FAIL signature: no signature verifies: signature 1 names key id"));
    }

    @Test
    public void aGateNotApprovedWritesNothing() throws Exception {
        run("attest", "keygen", "keys");
        ToolRun sim = simulate("--approve", "erin:checkout-leads", "--subject-sha256", "app.jar=" + sha);
        assertThat(sim.exit, is(3));
        assertThat(sim.err, containsString("attestation: nothing written to "));
        assertThat(sim.err, containsString("the gate is PENDING; only an APPROVED gate is attested"));
        assertThat(Files.exists(dir.resolve("gate.intoto.jsonl")), is(false));
    }

    @Test
    public void anAttestationNeedsASubjectAndBothOptions() throws Exception {
        run("attest", "keygen", "keys");
        ToolRun noSubject = simulate("--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall");
        assertThat(noSubject.exit, is(2));
        assertThat(noSubject.err, containsString("an attestation needs a subject"));
        ToolRun alone = run("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--attest-out", "x.json");
        assertThat(alone.exit, is(2));
        assertThat(alone.err, containsString("--attest-key and --attest-out go together"));
        ToolRun badSubject = simulate("--subject-sha256", "app.jar=abc");
        assertThat(badSubject.err, containsString("the SHA-256 of 'app.jar' must be 64 hex digits"));
    }

    @Test
    public void commitsNamedByTheirHashAreTheSubjectsWithoutArtifacts() throws Exception {
        run("attest", "keygen", "keys");
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Files.writeString(dir.resolve("msg.txt"), "commit " + commit + "\nfix the checkout\n");
        ToolRun sim = simulate("--commit-message", "msg.txt", "--approve", "erin:checkout-leads", "--approve",
                "frank:sre-oncall");
        assertThat(sim.toString(), sim.exit, is(0));
        String line = Files.readString(dir.resolve("gate.intoto.jsonl"));
        String payload = new String(Base64.getDecoder().decode(line.replaceAll(".*\"payload\":\"([^\"]+)\".*\\s*",
                "$1")), StandardCharsets.UTF_8);
        assertThat(payload, containsString("{\"name\":\"" + commit + "\",\"digest\":{\"gitCommit\":\"" + commit
                + "\"}}"));
    }

    @Test
    public void aKeyOfAnotherTypeIsRefused() throws Exception {
        java.security.KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Files.writeString(dir.resolve("ec.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ec.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("ec.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ec.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("e.json"), "{}");
        ToolRun verify = run("attest", "verify", "e.json", "--public-key", "ec.pub");
        assertThat(verify.exit, is(2));
        assertThat(verify.err, containsString("ec.pub is an EC key; attestations are signed with Ed25519 keys only"));
        ToolRun sim = run("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--attest-key", "ec.key", "--attest-out", "x.json", "--subject-sha256", "a=" + sha);
        assertThat(sim.exit, is(2));
        assertThat(sim.err, containsString("--attest-key: " + dir.resolve("ec.key") + " is an EC key"));
    }

    @Test
    public void badArgumentsAreUsageErrors() {
        assertThat(run("attest").exit, is(2));
        assertThat(run("attest", "verify", "e.json").err, containsString("option --public-key is required"));
        assertThat(run("attest", "verify", "e.json", "--public-key", "p", "--max-age", "soon").err,
                containsString("--max-age needs a duration"));
        assertThat(run("attest", "--help").out, containsString("attest verify ENVELOPE --public-key FILE"));
    }
}
