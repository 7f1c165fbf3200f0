package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * A menu path is written one way everywhere people read it (issue 17, "menu paths agree"): the docs' form,
 * {@code Manage Jenkins → System → Critical change gate} ({@code &rarr;} or {@code &#8594;} in HTML and Jelly), in
 * messages from {@code src/main}, in Jelly views and help files, in {@code docs/} and in README.md. Any other
 * separator after a Jenkins menu entry ({@code >}, {@code &gt;}, {@code »}, {@code &#187;}, {@code ->}, {@code /})
 * fails, also when a Java string concatenation splits the path over two lines.
 */
public class MenuPathsTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    /** A menu entry, then (past a Java string's end, a '+' and the next string's start) a separator not the arrow. */
    private static final Pattern OTHER_FORM = Pattern.compile(
            "(Manage Jenkins|Manage Jenkins → System|Manage Jenkins &rarr; System|Manage Jenkins &#8594; System)"
                    + "(?:\"\\s*\\+\\s*\")?\\s*(?:>|&gt;|»|&#187;|&raquo;|->|/(?=\\s))");

    @Test
    public void everyMenuPathUsesTheArrowOfTheDocs() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (Path file : filesPeopleRead()) {
            scanned++;
            String relative = REPO.relativize(file).toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = OTHER_FORM.matcher(text);
            while (m.find()) {
                String at = relative + ":" + line(text, m.start()) + ": " + m.group().replaceAll("\\s+", " ");
                found.add(at);
            }
        }
        assertThat(scanned, greaterThan(100));
        assertThat("menu paths in another form than 'Manage Jenkins → System → ...'", found, is(empty()));
    }

    @Test
    public void theCheckFindsEveryOtherForm() {
        for (String wrong : List.of("Manage Jenkins > System", "Manage Jenkins &gt; System",
                "Manage Jenkins » System", "Manage Jenkins &#187; System", "Manage Jenkins -> System",
                "(check Manage Jenkins\"\n                    + \" > System > E-mail Notification)",
                "Manage Jenkins → System > Critical change gate")) {
            assertThat(wrong, OTHER_FORM.matcher(wrong).find(), is(true));
        }
        for (String right : List.of("Manage Jenkins → System → Critical change gate",
                "Manage Jenkins &rarr; System &rarr; Critical change gate", "Manage Jenkins &#8594; System",
                "the proxy configured in Manage Jenkins, with a 5 second")) {
            assertThat(right, OTHER_FORM.matcher(right).find(), is(false));
        }
    }

    private static List<Path> filesPeopleRead() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(REPO.resolve("README.md"));
        for (String root : List.of("src/main/java", "src/main/resources", "docs")) {
            try (Stream<Path> tree = Files.walk(REPO.resolve(root))) {
                files.addAll(tree.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(java|jelly|html|properties|md)"))
                        .collect(Collectors.toList()));
            }
        }
        return files;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
