package io.jenkins.plugins.criticalchangegate.registry;

import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Registry texts and helpers shared by the registry tests. */
final class RegistryFixtures {
    /** A valid registry using every key. */
    static final String VALID = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "defaults:",
            "  requiredApprovals: 2",
            "  requireDistinctGroups: false",
            "  excludeCommitAuthors: true",
            "  approvalTimeout: 24h",
            "  documentation:",
            "    allowedHosts: [wiki.example.com, \"*.docs.example.com\"]",
            "    requireChangeId: true",
            "    allowHttp: false",
            "    requiredSections: []",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall, \"user:alice\"]",
            "    requiredApprovals: 2",
            "    jobs: [\"retail/checkout/**\"]",
            "  - id: payments-ledger",
            "    name: Payments ledger",
            "    tier: 1",
            "    owners: [team-payments]",
            "    approvers: [payments-leads, sre-oncall, security-officers]",
            "    requiredApprovals: 3",
            "    requireDistinctGroups: true",
            "    approvalTimeout: 7d",
            "    documentation:",
            "      allowedHosts: [\"change.example.com:8443\"]",
            "      requiredSections: [\"Rollback plan\", \"/Risk( assessment)?:/\"]",
            "    jobs: [\"payments/ledger/deploy-*\"]",
            "    aiAssisted:",
            "      trailers: [built-in, {key: AI-Tool, value: \"internal-llm\"}]",
            "      require: {requiredApprovals: 3, excludeCommitAuthors: true,",
            "        approvalRules: [{group: security-officers, count: 1}]}",
            "");

    private RegistryFixtures() {
    }

    /** A registry with the given systems block (indented by two spaces per entry) and sensible defaults. */
    static String withSystems(String unknownSystems, String... systemLines) {
        return "version: 1\nunknownSystems: " + unknownSystems + "\ndefaults:\n  documentation:\n"
                + "    allowedHosts: [wiki.example.com]\nsystems:\n" + String.join("\n", systemLines) + "\n";
    }

    static Registry parse(String text) throws RegistryException {
        return RegistryParser.parse(text, "reg.yaml");
    }

    /** The problems of an invalid registry, as printed ({@code FILE:LINE:COLUMN: message}). */
    static List<String> problems(String text) {
        RegistryException e = assertThrows(RegistryException.class, () -> parse(text));
        return e.problems().stream().map(RegistryProblem::toString).collect(Collectors.toList());
    }

    /** The repository root (the Central build runs tests from central/plugin). */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
