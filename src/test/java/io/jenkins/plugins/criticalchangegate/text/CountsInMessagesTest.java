package io.jenkins.plugins.criticalchangegate.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The kind of defect issue 17 found as "1 systems": a count glued to a plural noun of the domain in a message. Every
 * such count goes through {@link Counted}; this finds a count expression ({@code size()}, {@code length}, a name
 * ending in count/records/size/total) concatenated with {@code " <noun>s"} anywhere in src/main/java, so the next one
 * is caught where it is written rather than by the next careful tester.
 */
public class CountsInMessagesTest {
    private static final Pattern COUNT_THEN_PLURAL = Pattern.compile(
            "(?:\\(\\)|\\b(?:length|count|Count|records|size|total|warnings|problems))\\s*\\+\\s*\""
            + " (?:systems|gates|records|changes|files|problems|warnings|approvals|approvers|entries|events"
            + "|credentials|keys|deliveries|reviews|users|groups)\\b");

    @Test
    public void everyCountOfADomainNounGoesThroughCounted() throws IOException {
        Path main = source();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    // a concatenation may break the line between the count and its noun
                    String joined = lines.get(i) + (i + 1 < lines.size() ? " " + lines.get(i + 1).trim() : "");
                    Matcher m = COUNT_THEN_PLURAL.matcher(joined);
                    if (m.find() && m.start() < lines.get(i).length() && !lines.get(i).contains("toString()")
                            && !isToString(lines, i)) {
                        found.add(main.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat("a count glued to a plural noun says '1 systems': use Counted.of(count, noun)", found, empty());
    }

    @Test
    public void thePatternCatchesTheDefectsIssue17Found() {
        for (String wrong : List.of("name + \": loaded \" + parsed.registry().size() + \" systems\"",
                "return records + \" records, head \" + head;", "count + \" problems): \"")) {
            assertThat(wrong, COUNT_THEN_PLURAL.matcher(wrong).find(), org.hamcrest.Matchers.is(true));
        }
        assertThat(COUNT_THEN_PLURAL.matcher("Counted.of(size, \"system\")").find(), org.hamcrest.Matchers.is(false));
    }

    /** Debug strings of values (toString) are for developers and may stay terse. */
    private static boolean isToString(List<String> lines, int line) {
        for (int i = line; i >= 0 && i > line - 4; i--) {
            if (lines.get(i).contains("public String toString()")) {
                return true;
            }
        }
        return false;
    }

    private static Path source() {
        for (Path candidate : List.of(Paths.get("src/main/java"), Paths.get("../../src/main/java"))) {
            if (Files.isDirectory(candidate.resolve("io/jenkins/plugins/criticalchangegate"))) {
                return candidate;
            }
        }
        throw new AssertionError("src/main/java not found from " + Paths.get("").toAbsolutePath());
    }
}
