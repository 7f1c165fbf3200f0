package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.Test;

/**
 * The views are checked against {@value JellyViews#EXTRACT}, the lines of the real Jenkins API manifest they need,
 * kept in the repository so that a fresh clone without {@code ../shared} checks them too. Whenever the manifest is
 * there (CI, this machine), this test makes sure the extract is honest and current: every line in it is a line of
 * the manifest, its packages are the manifest's, and it holds exactly the lines the checks rely on when they run
 * against the whole manifest, so that they answer the same with either. Without the manifest it is skipped, and says
 * so. {@code -Dviews.writeExtract=true} writes the extract instead (docs/building.md).
 */
public class JenkinsApiExtractTest {
    static final String REGENERATE = "mvn -B -q -f central/pom.xml -pl plugin -am test -Dtest=JenkinsApiExtractTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dspotbugs.skip=true -Dviews.writeExtract=true";

    private static JenkinsApi manifest(boolean required) throws IOException {
        Path manifest = JellyViews.manifest();
        if (required && !Files.isRegularFile(manifest)) {
            throw new IllegalStateException("regenerating the extract needs the manifest, which is not at " + manifest
                    + " (-Djenkins.api.manifest=PATH)");
        }
        assumeTrue("The Jenkins API manifest is not at " + manifest + " (CI has ../shared beside the clone; or give"
                + " -Djenkins.api.manifest=PATH), so the extract the views are checked against is not compared with"
                + " it here.", Files.isRegularFile(manifest));
        return JenkinsApi.readManifest(manifest);
    }

    @Test
    public void everyLineOfTheExtractIsInTheRealManifest() throws Exception {
        if (Boolean.getBoolean("views.writeExtract")) {
            return; // the other test writes it
        }
        JenkinsApi real = manifest(false);
        JenkinsApi extract = JellyViews.extract();
        List<String> notReal = new ArrayList<>();
        for (String line : extract.lines()) {
            if (!real.lines().contains(line)) {
                notReal.add(line);
            }
        }
        assertThat("lines of " + JellyViews.EXTRACT + " that the manifest does not have", notReal, empty());
        assertThat("the packages of " + JellyViews.EXTRACT, extract.packages(), equalTo(real.packages()));
    }

    @Test
    public void theExtractIsExactlyWhatTheChecksUse() throws Exception {
        boolean write = Boolean.getBoolean("views.writeExtract");
        JenkinsApi real = manifest(write);
        List<String> problems = checkAllViews(real);
        SortedSet<String> used = real.usedLines();
        if (write) {
            write(real.packages(), used);
            assertThat("written, but the views have problems (the extract holds what their passing lookups use)",
                    problems, empty());
            return;
        }
        SortedSet<String> extract = new TreeSet<>(JellyViews.extract().lines());
        assertThat(JellyViews.EXTRACT + " is not what the views need now; regenerate it: " + REGENERATE, extract,
                equalTo(used));
        // and so the checks answer the same with the extract, which is what a clone without ../shared uses
        assertThat(withoutHints(checkAllViews(JellyViews.extract())), equalTo(withoutHints(checkAllViews(real))));
    }

    /** A failing lookup names the types it could not look into, which differ between the two. */
    private static List<String> withoutHints(List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            out.add(p.replaceAll(" \\(not looked into: .*\\)$", ""));
        }
        return out;
    }

    /** Runs every check of the views package, so that the API records the lines their answers rest on. */
    static List<String> checkAllViews(JenkinsApi api) throws IOException {
        ViewTypes types = new ViewTypes(api);
        ViewCheck paths = new ViewCheck(types);
        ConfigFieldCheck fields = new ConfigFieldCheck(types);
        List<String> problems = new ArrayList<>();
        for (JellyViews.View view : JellyViews.all()) {
            problems.addAll(paths.check(view));
            problems.addAll(fields.check(view));
        }
        return problems;
    }

    private static void write(Iterable<String> packages, Iterable<String> lines) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# The lines of the Jenkins API manifest (../shared/jenkins-api/manifest.txt.gz; format: its README)"
                + " that the checks of");
        out.add("# src/test/java/io/jenkins/plugins/criticalchangegate/jenkins/views rely on. Generated, do not edit;"
                + " JenkinsApiExtractTest");
        out.add("# fails when it is stale. Regenerate (needs the manifest; docs/building.md):");
        out.add("#   " + REGENERATE);
        out.add("# 'package' lines: every package with a type in the manifest; a type of one of these packages is");
        out.add("# looked up in these lines, never by reflection on the compile-only stubs.");
        for (String p : packages) {
            out.add(JenkinsApi.PACKAGE + p);
        }
        for (String line : lines) {
            out.add(line);
        }
        Path target = JellyViews.extractSource();
        Files.write(target, out, StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}
