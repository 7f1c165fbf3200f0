package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.VALID;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.problems;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryParserTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String CHECKOUT = String.join("\n",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]");

    @Test
    public void readsEveryKeyAndAppliesDefaults() throws Exception {
        Registry registry = parse(VALID);
        assertThat(registry.size(), is(2));
        assertThat(registry.unknownSystems(), is(UnknownSystems.ALLOW));
        CriticalSystem checkout = registry.systems().get(0);
        assertThat(checkout.id().value(), is("checkout-service"));
        assertThat(checkout.name(), is("Checkout"));
        assertThat(checkout.tier(), is(1));
        assertThat(checkout.owners(), contains("team-checkout"));
        assertThat(checkout.approvers(), contains(ApproverRef.group("checkout-leads"), ApproverRef.group("sre-oncall"),
                ApproverRef.user("alice")));
        assertThat(checkout.requiredApprovals(), is(2));
        assertThat(checkout.requireDistinctGroups(), is(false));
        assertThat(checkout.excludeCommitAuthors(), is(true));
        assertThat(checkout.approvalTimeout(), is(Duration.ofHours(24)));
        assertThat(checkout.documentation(), is(new DocumentationPolicy(
                List.of("wiki.example.com", "*.docs.example.com"), true, false, List.of())));
        assertThat(checkout.jobs(), contains("retail/checkout/**"));

        CriticalSystem ledger = registry.systems().get(1);
        assertThat(ledger.requiredApprovals(), is(3));
        assertThat(ledger.requireDistinctGroups(), is(true));
        assertThat(ledger.approvalTimeout(), is(Duration.ofDays(7)));
        // documentation keys are overridden one by one: requireChangeId and allowHttp still come from defaults
        assertThat(ledger.documentation(), is(new DocumentationPolicy(List.of("change.example.com:8443"), true, false,
                List.of("Rollback plan", "/Risk( assessment)?:/"))));
    }

    @Test
    public void builtInDefaultsApplyWithoutADefaultsBlock() throws Exception {
        Registry registry = parse(String.join("\n", "version: 1", "unknownSystems: deny", "systems:", CHECKOUT,
                "    documentation: {allowedHosts: [wiki.example.com]}", ""));
        CriticalSystem system = registry.systems().get(0);
        assertThat(system.requiredApprovals(), is(2));
        assertThat(system.excludeCommitAuthors(), is(true));
        assertThat(system.requireDistinctGroups(), is(false));
        assertThat(system.approvalTimeout(), is(Duration.ofHours(24)));
        assertThat(system.documentation().requireChangeId(), is(true));
        assertThat(system.documentation().allowHttp(), is(false));
        assertThat(system.jobs(), is(empty()));
        assertThat(registry.unknownSystems(), is(UnknownSystems.DENY));
    }

    @Test
    public void acceptsJson() throws Exception {
        Registry registry = parse("{\"version\": 1, \"unknownSystems\": \"deny\", \"systems\": [{\"id\": \"db\","
                + " \"name\": \"Database\", \"tier\": 2, \"owners\": [\"dba\"], \"approvers\": [\"dba-leads\", \"sre\"],"
                + " \"documentation\": {\"allowedHosts\": [\"wiki.example.com\"]}}]}");
        assertThat(registry.systems().get(0).tier(), is(2));
    }

    @Test
    public void reportsUnknownKeysWithDidYouMeanAndPosition() {
        List<String> problems = problems(withSystems("allow", CHECKOUT, "    requiredAproval: 2",
                "    ownrs: [x]"));
        assertThat(problems, contains(
                "reg.yaml:12:5: unknown key 'requiredAproval' in a system; did you mean 'requiredApprovals'?",
                "reg.yaml:13:5: unknown key 'ownrs' in a system; did you mean 'owners'?"));
    }

    @Test
    public void saysWhereAKeyBelongsWhenItIsAtTheWrongLevel() {
        List<String> problems = problems("version: 1\nunknownSystems: allow\ndefaults:\n  jobs: [a]\n"
                + "  allowedHosts: [x.example.com]\nsystems:\n" + CHECKOUT + "\n");
        assertThat(problems, hasItem("reg.yaml:4:3: unknown key 'jobs' in defaults ('jobs' belongs to each entry of"
                + " systems)"));
        assertThat(problems, hasItem("reg.yaml:5:3: unknown key 'allowedHosts' in defaults ('allowedHosts' belongs"
                + " under documentation)"));
    }

    @Test
    public void reportsMissingAndEmptyRequiredKeys() {
        List<String> problems = problems(withSystems("allow", "  - id: a", "    name: \"\"", "    owners: []",
                "    approvers: []"));
        assertThat(problems, contains(
                "reg.yaml:7:5: missing required key 'tier' (the criticality tier, 1 being the most critical)",
                "reg.yaml:8:11: 'name' is empty",
                "reg.yaml:9:13: 'owners' is empty: list at least one",
                "reg.yaml:10:16: 'approvers' is empty: list at least one group or user:<id>"));
        assertThat(problems("version: 1\n"), contains(
                "reg.yaml:1:1: missing required key 'unknownSystems': write 'unknownSystems: allow' (systems not"
                        + " listed pass at once) or 'unknownSystems: deny' (they are refused)",
                "reg.yaml:1:1: missing required key 'systems': list the critical systems (see docs/registry.md)"));
        assertThat(problems("version: 1\nunknownSystems: allow\nsystems: []\n"),
                contains("reg.yaml:3:10: 'systems' is empty: list at least one critical system"));
    }

    @Test
    public void reportsDuplicateIdsIgnoringCase() {
        List<String> problems = problems(withSystems("allow", CHECKOUT, CHECKOUT.replace("checkout-service",
                "Checkout-Service")));
        assertThat(problems, contains("reg.yaml:12:9: duplicate id 'Checkout-Service': already used at line 7 (ids"
                + " compare ignoring case)"));
    }

    @Test
    public void refusesRequiredApprovalsBelowOne() {
        assertThat(problems(withSystems("allow", CHECKOUT, "    requiredApprovals: 0")), contains(
                "reg.yaml:12:24: requiredApprovals must be at least 1, not 0: the gate exists to require approvals"));
        assertThat(problems("version: 1\nunknownSystems: allow\ndefaults:\n  requiredApprovals: -1\n"
                + "  documentation: {allowedHosts: [w.example.com]}\nsystems:\n" + CHECKOUT + "\n"),
                contains("reg.yaml:4:22: requiredApprovals must be at least 1, not -1: the gate exists to require"
                        + " approvals"));
    }

    @Test
    public void refusesMoreRequiredApprovalsThanListedUsers() {
        String users = CHECKOUT.replace("[checkout-leads, sre-oncall]", "[\"user:alice\", \"user:bob\"]");
        assertThat(problems(withSystems("allow", users, "    requiredApprovals: 3")), contains(
                "reg.yaml:12:24: system 'checkout-service': requiredApprovals 3 can never be met: only 2 single"
                        + " user(s) are listed as approvers"));
        // the same count is fine when a group is listed: a group can hold any number of people
        String mixed = CHECKOUT.replace("[checkout-leads, sre-oncall]", "[\"user:alice\", leads]");
        assertThrowsNothing(withSystems("allow", mixed, "    requiredApprovals: 3"));
        // inherited from the defaults, the problem points at the approvers
        String one = CHECKOUT.replace("[checkout-leads, sre-oncall]", "[\"user:alice\"]");
        assertThat(problems(withSystems("allow", one)), contains("reg.yaml:11:16: system 'checkout-service':"
                + " requiredApprovals 2 (the built-in default) can never be met: only 1 single user(s) are listed as"
                + " approvers"));
    }

    @Test
    public void refusesDistinctGroupsThatCanNeverBeMet() {
        assertThat(problems(withSystems("allow", CHECKOUT, "    requiredApprovals: 3",
                "    requireDistinctGroups: true")), contains("reg.yaml:12:24: system 'checkout-service':"
                + " requiredApprovals 3 can never be met with requireDistinctGroups: only 2 approver entries are"
                + " listed"));
    }

    @Test
    public void reportsMalformedDurations() {
        for (String bad : List.of("1w", "24", "0h", "1.5h", "-3d", "366d", "24 h", "PT24H")) {
            List<String> problems = problems(withSystems("allow", CHECKOUT, "    approvalTimeout: " + bad));
            assertThat(bad, problems, hasSize(1));
            assertThat(bad, problems.get(0), startsWith("reg.yaml:12:22: approvalTimeout"));
        }
    }

    @Test
    public void readsDurationsInMinutesHoursAndDays() throws Exception {
        assertThat(parse(withSystems("allow", CHECKOUT, "    approvalTimeout: 90m")).systems().get(0)
                .approvalTimeout(), is(Duration.ofMinutes(90)));
        assertThat(parse(withSystems("allow", CHECKOUT, "    approvalTimeout: 365d")).systems().get(0)
                .approvalTimeout(), is(Duration.ofDays(365)));
    }

    private static List<String> problemsWithMaximum(String text, Duration maximum) {
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryParser.parse(text.getBytes(StandardCharsets.UTF_8), "reg.yaml", maximum));
        return e.problems().stream().map(RegistryProblem::toString).collect(java.util.stream.Collectors.toList());
    }

    @Test
    public void refusesASystemApprovalTimeoutLongerThanTheMaximumThisJenkinsAllows() {
        assertThat(problemsWithMaximum(withSystems("allow", CHECKOUT, "    approvalTimeout: 30d"), Duration.ofDays(14)),
                contains("reg.yaml:12:22: approvalTimeout '30d' is longer than 14d, the longest this Jenkins allows"
                        + " (Manage Jenkins → System → Critical change gate)"));
    }

    @Test
    public void refusesADefaultApprovalTimeoutLongerThanTheMaximumWithEveryOtherProblem() {
        String text = "version: 1\nunknownSystems: allow\ndefaults:\n  approvalTimeout: 48h\n  documentation:\n"
                + "    allowedHosts: [wiki.example.com]\nsystems:\n" + CHECKOUT + "\n    approvalTimeout: 2200m\n"
                + "    requiredApprovals: 0\n";
        assertThat(problemsWithMaximum(text, Duration.ofHours(36)), contains(
                is("reg.yaml:4:20: approvalTimeout '48h' is longer than 36h, the longest this Jenkins allows"
                        + " (Manage Jenkins → System → Critical change gate)"),
                is("reg.yaml:13:22: approvalTimeout '2200m' is longer than 36h, the longest this Jenkins allows"
                        + " (Manage Jenkins → System → Critical change gate)"),
                startsWith("reg.yaml:14:24: requiredApprovals must be at least 1, not 0")));
    }

    @Test
    public void acceptsAnApprovalTimeoutEqualToTheMaximumHoweverItIsWritten() throws Exception {
        for (String timeout : List.of("14d", "336h", "20160m", "90m")) {
            Registry registry = RegistryParser.parse(withSystems("allow", CHECKOUT, "    approvalTimeout: " + timeout)
                    .getBytes(StandardCharsets.UTF_8), "reg.yaml", Duration.ofDays(14));
            assertThat(timeout, registry.systems().get(0).approvalTimeout().compareTo(Duration.ofDays(14)) <= 0,
                    is(true));
        }
    }

    @Test
    public void theOverloadsWithoutAMaximumKeepTheFormatsOwn365Days() throws Exception {
        String text = withSystems("allow", CHECKOUT, "    approvalTimeout: 365d");
        assertThat(parse(text).systems().get(0).approvalTimeout(), is(Duration.ofDays(365)));
        assertThat(RegistryParser.parse(text.getBytes(StandardCharsets.UTF_8), "reg.yaml").systems().get(0)
                .approvalTimeout(), is(Duration.ofDays(365)));
        assertThat(RegistryParser.maxApprovalTimeout(), is(Duration.ofDays(365)));
        assertThat(problemsWithMaximum(withSystems("allow", CHECKOUT, "    approvalTimeout: 366d"),
                Duration.ofDays(365)), contains("reg.yaml:12:22: approvalTimeout '366d' is longer than 365d"));
    }

    @Test
    public void refusesAMaximumThatIsNotPositiveOrLongerThanTheFormatAllows() {
        byte[] text = VALID.getBytes(StandardCharsets.UTF_8);
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMinutes(-5), Duration.ofDays(366))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegistryParser.parse(text, "reg.yaml", bad));
            assertThat(e.getMessage(), containsString("at most 365d"));
        }
    }

    @Test
    public void reportsMalformedGlobsAndJobsBoundTwice() {
        List<String> problems = problems(withSystems("allow", CHECKOUT,
                "    jobs: [\"retail//x\", \"/retail\", \"retail/**x\", \"retail/ok/**\"]",
                CHECKOUT.replace("checkout-service", "other"), "    jobs: [\"Retail/OK/**\"]"));
        assertThat(problems, contains(
                "reg.yaml:12:12: job pattern 'retail//x' has an empty segment ('//')",
                "reg.yaml:12:25: job pattern '/retail' must not start or end with '/': job full names look like"
                        + " folder/sub-folder/job",
                "reg.yaml:12:36: job pattern 'retail/**x': '**' must be a whole segment (as in 'folder/**'); use '*'"
                        + " to match within a segment",
                "reg.yaml:18:12: job pattern 'Retail/OK/**' is already bound to system 'checkout-service' (line 12):"
                        + " a job can be bound to one system only"));
    }

    @Test
    public void refusesUnsupportedVersionsAlone() {
        assertThat(problems("version: 2\nunknownSystems: whatever\n"), contains(
                "reg.yaml:1:10: unsupported version 2: this plugin reads registry format version 1"));
        assertThat(problems("version: one\nunknownSystems: allow\nsystems: []\n"), hasItem(
                "reg.yaml:1:10: 'version' must be a whole number, not 'one'"));
        assertThat(problems("unknownSystems: allow\nsystems: []\n"), hasItem(
                "reg.yaml:1:1: missing required key 'version': write 'version: 1' as the first line"));
    }

    @Test
    public void refusesBadAllowedHosts() {
        List<String> bad = List.of("https://wiki.example.com", "wiki.example.com/path", "user@wiki.example.com",
                "wiki.*.example.com", "*wiki.example.com", "*.com", "wiki.example.com:0", "wiki.example.com:99999",
                "wiki.example.com:", "-wiki.example.com", "wiki..example.com", "wïki.example.com", "*",
                // numeric hosts that are not dotted quads: the check would let them match nothing, so lint says so
                "127.1", "2130706433", "0177.0.0.1", "wiki.example.com.", "wiki%2eexample.com");
        for (String host : bad) {
            List<String> problems = problems(withSystems("allow", CHECKOUT, "    documentation:",
                    "      allowedHosts: [\"" + host + "\"]"));
            assertThat(host, problems, hasSize(1));
            assertThat(host, problems.get(0), containsString("allowed host"));
        }
    }

    @Test
    public void acceptsExactHostsPortsAndSuffixWildcards() throws Exception {
        Registry registry = parse(withSystems("allow", CHECKOUT, "    documentation:",
                "      allowedHosts: [wiki.example.com, \"wiki.example.com:8443\", \"*.docs.example.com\", localhost,"
                        + " 10.1.2.3, \"[::1]:8443\"]"));
        assertThat(registry.systems().get(0).documentation().allowedHosts(), contains("wiki.example.com",
                "wiki.example.com:8443", "*.docs.example.com", "localhost", "10.1.2.3", "[::1]:8443"));
    }

    @Test
    public void refusesASystemWhoseDocumentationCanLiveNowhere() {
        assertThat(problems("version: 1\nunknownSystems: allow\nsystems:\n" + CHECKOUT + "\n"), contains(
                "reg.yaml:4:5: system 'checkout-service' allows its documentation on no host, so no change to it"
                        + " could ever pass: list documentation.allowedHosts here or in defaults"));
    }

    @Test
    public void compilesRequiredSectionRegularExpressions() {
        List<String> problems = problems(withSystems("allow", CHECKOUT, "    documentation:",
                "      requiredSections: [\"/Rollback (plan/\", \"//\", \"\", \"plain (text is fine\"]"));
        assertThat(problems, contains(
                "reg.yaml:13:26: required section '/Rollback (plan/' is not a valid regular expression: a '(' that is"
                        + " never closed, at its end",
                "reg.yaml:13:46: required section '//' is an empty regular expression, which every page matches",
                "reg.yaml:13:52: 'requiredSections' is empty"));
    }

    @Test
    public void reportsTypeErrorsWithWhatWasFound() {
        List<String> problems = problems(withSystems("allow", CHECKOUT, "    tier: high",
                "    requireDistinctGroups: yes", "    jobs: retail/**"));
        assertThat(problems, hasItem("reg.yaml:12:5: duplicate key 'tier' in a system (first at line 9)"));
        assertThat(problems, hasItem("reg.yaml:13:28: 'requireDistinctGroups' must be true or false, not 'yes'"));
        assertThat(problems, hasItem("reg.yaml:14:11: 'jobs' must be a list such as [a, b], not the single value"
                + " 'retail/**'"));
    }

    @Test
    public void reportsDuplicateKeys() {
        assertThat(problems("version: 1\nversion: 1\nunknownSystems: allow\nsystems: [{}]\n"), hasItem(
                "reg.yaml:2:1: duplicate key 'version' in the registry (first at line 1)"));
    }

    @Test
    public void refusesTagsAndMergeKeys() {
        assertThat(problems(withSystems("allow", CHECKOUT, "    jobs: !!binary aGVsbG8=")), contains(
                "reg.yaml:12:11: explicit tags are not allowed: remove '!!binary' (a registry holds plain values,"
                        + " lists and mappings; see docs/registry.md)"));
        assertThat(problems("version: 1\nunknownSystems: !!python/object:os.system allow\nsystems: []\n"), hasItem(
                "reg.yaml:2:17: malformed YAML: Global tag is not allowed:"
                        + " tag:yaml.org,2002:python/object:os.system"));
        assertThat(problems("version: 1\nunknownSystems: allow\nbase: &b {tier: 1}\nsystems:\n  - <<: *b\n"),
                hasItem("reg.yaml:5:5: merge keys ('<<') are not supported: write the keys out"));
    }

    @Test
    public void reportsMalformedYamlWithItsPosition() {
        assertThat(problems("version: 1\nsystems: [a, b\nunknownSystems: allow\n"), contains(
                startsWith("reg.yaml:3:15: malformed YAML:")));
        assertThat(problems("version: 1\n  bad indentation: x\n"), contains(startsWith("reg.yaml:2:")));
        assertThat(problems("a: *unknown\n"), contains(startsWith("reg.yaml:1:4: malformed YAML: found undefined"
                + " alias unknown")));
        assertThat(problems("version: 1\n---\nversion: 1\n"), contains(startsWith("reg.yaml:2:1: malformed YAML:")));
        assertThat(problems(""), contains("reg.yaml:1:1: the file is empty: a registry starts with 'version: 1' (see"
                + " docs/registry.md)"));
        assertThat(problems("- a\n- b\n"), contains("reg.yaml:1:1: the registry must be a mapping of keys to values,"
                + " not a list"));
    }

    @Test
    public void refusesControlCharactersWithTheirPosition() {
        assertThat(problems("version: 1\nunknownSystems: al\u0000low\n"), contains(
                "reg.yaml:2:19: character U+0000 is not allowed in YAML (a binary file, or a control character"
                        + " pasted in?)"));
    }

    @Test
    public void refusesBytesThatAreNotUtf8() throws Exception {
        byte[] latin1 = "version: 1\nunknownSystems: allow\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(latin1, "l1.yaml"));
        assertThat(e.getMessage(), is("l1.yaml:3:6: the file is not valid UTF-8: byte 0xE9 at offset 38; save it as"
                + " UTF-8"));
        byte[] utf16 = VALID.getBytes(StandardCharsets.UTF_16);
        e = assertThrows(RegistryException.class, () -> RegistryParser.parse(utf16, "u16.yaml"));
        assertThat(e.getMessage(), is("u16.yaml:1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark):"
                + " save it as UTF-8"));
        // overlong encodings and lone surrogates are malformed too
        byte[] overlong = {'a', ':', ' ', (byte) 0xC0, (byte) 0xAF};
        assertThat(assertThrows(RegistryException.class, () -> RegistryParser.parse(overlong, "o.yaml")).getMessage(),
                startsWith("o.yaml:1:4: the file is not valid UTF-8: byte 0xC0"));
        byte[] surrogate = {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThat(assertThrows(RegistryException.class, () -> RegistryParser.parse(surrogate, "s.yaml")).getMessage(),
                startsWith("s.yaml:1:4: the file is not valid UTF-8"));
    }

    @Test
    public void acceptsUtf8WithAndWithoutByteOrderMark() throws Exception {
        byte[] plain = VALID.replace("Checkout", "Caf\u00e9 \u2615").getBytes(StandardCharsets.UTF_8);
        assertThat(RegistryParser.parse(plain, "r.yaml").systems().get(0).name(), is("Caf\u00e9 \u2615"));
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        assertThat(RegistryParser.parse(bom, "r.yaml").size(), is(2));
    }

    @Test
    public void readsFilesAndNamesThemInProblems() throws Exception {
        Path file = tmp.newFile("critical.yaml").toPath();
        Files.writeString(file, VALID.replace("tier: 1", "tier: zero"));
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(file));
        assertThat(e.problems().get(0).toString(), is(file + ":16:11: 'tier' must be a whole number, not 'zero'"));
        assertThat(e.problems().get(0).source(), is(file.toString()));
        assertThat(e.problems().get(0).line(), is(16));
        assertThat(e.problems().get(0).column(), is(11));

        Path missing = tmp.getRoot().toPath().resolve("missing.yaml");
        e = assertThrows(RegistryException.class, () -> RegistryParser.parse(missing));
        assertThat(e.getMessage(), is(missing + ":1:1: no such file"));
        e = assertThrows(RegistryException.class, () -> RegistryParser.parse(tmp.getRoot().toPath()));
        assertThat(e.getMessage(), startsWith(tmp.getRoot() + ":1:1: cannot read the file"));
    }

    @Test
    public void theDocumentedExampleIsValid() throws Exception {
        Registry registry = RegistryParser.parse(RegistryFixtures.repositoryRoot()
                .resolve("docs/examples/critical-systems.yaml"));
        assertThat(registry.size(), is(3));
    }

    @Test
    public void anExceptionListsEveryProblemOnePerLine() {
        RegistryException e = assertThrows(RegistryException.class, () -> parse(withSystems("allow", CHECKOUT,
                "    requiredApprovals: 0", "    bogus: 1", "    approvalTimeout: soon")));
        assertThat(e.problems(), hasSize(3));
        assertThat(e.getMessage().split("\n").length, is(3));
    }

    @Test
    public void longQuotesAreCutAndEveryProblemIsOneLine() {
        List<String> problems = problems("version: 1\nunknownSystems: " + "x".repeat(100_000) + "\nsystems: []\n");
        assertThat(problems.get(0), startsWith("reg.yaml:2:17: unknownSystems must be 'allow' or 'deny', not 'xxx"));
        assertThat(problems.get(0).length() < 600, is(true));
        // the one escaping rule of the tool (text.ControlCharacters): the line feed is shown, not turned into a space
        assertThat(new RegistryProblem("f", 1, 1, "a\nb\u2028c\u001b").message(), is("a\\u000ab c\\u001b"));
    }

    private static void assertThrowsNothing(String text) {
        try {
            parse(text);
        } catch (RegistryException e) {
            throw new AssertionError("expected a valid registry, got:\n" + e.getMessage(), e);
        }
    }
}
