package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The docs issue 17 found wrong stay true: checked against the repository's own files and a real journal. */
public class DocsTruthTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static String read(String file) throws Exception {
        return Files.readString(REPO.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    public void everyFileTheReadmesToolExamplesNameExists() throws Exception {
        Matcher m = Pattern.compile("--registry (\\S+\\.yaml)|registry lint (\\S+\\.yaml)").matcher(read("README.md"));
        List<String> missing = new ArrayList<>();
        int found = 0;
        while (m.find()) {
            String file = m.group(1) != null ? m.group(1) : m.group(2);
            found++;
            if (!Files.isRegularFile(REPO.resolve(file))) {
                missing.add(file);
            }
        }
        assertThat(found > 3, is(true));
        assertThat(missing, is(empty()));
    }

    @Test
    public void theLicenseFileIsThePomsLicense() throws Exception {
        Matcher name = Pattern.compile("<licenses>\\s*<license>\\s*<name>([^<]+)</name>").matcher(read("pom.xml"));
        assertThat(name.find(), is(true));
        String license = read("LICENSE");
        assertThat(license.lines().findFirst().orElse(""), is(name.group(1)));
        assertThat(license, containsString("Permission is hereby granted, free of charge"));
    }

    @Test
    public void auditMdNamesEveryMemberARecordCarries() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), read("docs/examples/critical-systems.yaml"));
        Files.writeString(dir.resolve("times.yaml"), read("docs/examples/safety-reset-90-days.yaml"));
        Files.writeString(dir.resolve("ai.txt"), read("docs/examples/ai-assisted-commit.txt"));
        String[][] runs = {
            {"--registry", "critical.yaml", "--system", "checkout-service", "--change", "CHG-1", "--started-by",
                "carol", "--approve", "carol:checkout-leads", "--approve", "erin:checkout-leads", "--approve",
                "frank:sre-oncall"},
            {"--registry", "critical.yaml", "--system", "checkout-service", "--reject", "erin:checkout-leads=no"},
            {"--registry", "critical.yaml", "--system", "reporting", "--change", "CHG-2"},
            {"--registry", "critical.yaml", "--system", "checkout-service", "--commit-message", "ai.txt",
                "--approve", "erin:checkout-leads"},
            {"--registry", "critical.yaml", "--system", "checkout-service", "--emergency", "--incident",
                "INC-4711", "--approve", "ian:incident-commanders"},
            {"--registry", "times.yaml", "--system", "checkout-service", "--at", "2026-03-10T10:00:00Z",
                "--approve", "erin:checkout-leads", "--until", "2027-01-01T00:00:00Z"},
        };
        for (String[] run : runs) {
            List<String> args = new ArrayList<>(List.of("simulate", "--journal", "audit"));
            args.addAll(List.of(run));
            ToolRun.in(dir, args.toArray(new String[0]));
        }
        Set<String> members = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("audit/journal-000001.jsonl"), StandardCharsets.UTF_8)) {
            collect(json.readTree(line), members);
        }
        assertThat(members.size() > 15, is(true));
        String auditMd = read("docs/audit.md");
        List<String> undocumented = new ArrayList<>();
        for (String member : members) {
            if (!auditMd.contains("`" + member + "`")) {
                undocumented.add(member);
            }
        }
        assertThat("members records carry that docs/audit.md does not name: " + members, undocumented, is(empty()));
    }

    /** The names of a record's members, and of the members of the objects in it. */
    private static void collect(JsonNode node, Set<String> members) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                members.add(name);
                collect(node.get(name), members);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, members));
        }
    }
}
