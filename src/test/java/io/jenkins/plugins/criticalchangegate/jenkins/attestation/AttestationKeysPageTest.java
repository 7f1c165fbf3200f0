package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The public keys page as docs/attestation.md describes it, checked without Jenkins: every download the docs name
 * under {@code /critical-change-gate-attestation/} is a read-only web method of {@link AttestationKeysAction} (the
 * JSON listing was once documented and not served), and the page reads the keys only after asking whether they can
 * be read (a ring that cannot be decrypted once made the page Jenkins' error page with a stack trace).
 */
public class AttestationKeysPageTest {
    private static Path root;

    @BeforeClass
    public static void findTheRepository() {
        // the Central build runs in central/plugin, the full build at the root: look upwards
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/attestation.md"))) {
            dir = dir.getParent();
        }
        assertThat("docs/attestation.md above " + Path.of("").toAbsolutePath(), dir, notNullValue());
        root = dir;
    }

    private static String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    public void everyDownloadTheDocsNameIsAGetMethodOfTheKeysPage() throws IOException {
        String docs = read("docs/attestation.md");
        Matcher m = Pattern.compile("/" + AttestationKeysAction.URL_NAME + "/([A-Za-z]+)").matcher(docs);
        Set<String> named = new TreeSet<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named.size(), greaterThan(2)); // attestationPub, keysPem, keysJson at least
        List<String> missing = new ArrayList<>();
        for (String download : named) {
            String method = "do" + Character.toUpperCase(download.charAt(0)) + download.substring(1);
            Method found = null;
            for (Method candidate : AttestationKeysAction.class.getDeclaredMethods()) {
                if (candidate.getName().equals(method)) {
                    found = candidate;
                }
            }
            if (found == null || !Modifier.isPublic(found.getModifiers()) || found.getAnnotation(GET.class) == null
                    || !List.of(found.getParameterTypes()).contains(StaplerResponse2.class)) {
                missing.add(download + " (public @GET " + method + "(StaplerResponse2))");
            }
        }
        assertThat(missing, is(empty()));
        assertThat("the Jenkins key section is written", docs, not(containsString("lead: jenkins key")));
    }

    @Test
    public void thePageReadsTheKeysOnlyWhenTheyCanBeRead() throws IOException {
        String jelly = read("src/main/resources/" + AttestationKeysAction.class.getName().replace('.', '/')
                + "/index.jelly");
        int problem = jelly.indexOf("${it.problem}");
        int otherwise = jelly.indexOf("<j:otherwise>", problem);
        int keys = jelly.indexOf("${it.keys}");
        int end = jelly.indexOf("</j:otherwise>", otherwise);
        assertThat("the page asks for the problem first", problem, greaterThan(-1));
        assertThat("and reads the keys only in the <j:otherwise> of that choice", keys > otherwise && keys < end
                && otherwise > problem, is(true));
        assertThat(jelly.indexOf("${it.keys}", keys + 1), is(-1));
        for (Method m : AttestationKeysAction.class.getMethods()) {
            if (m.getName().equals("getProblem")) {
                assertThat("getProblem() answers, never throws", m.getExceptionTypes().length, is(0));
            }
        }
    }
}
