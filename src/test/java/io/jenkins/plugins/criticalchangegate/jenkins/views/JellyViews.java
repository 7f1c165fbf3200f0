package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the plugin's views are, and whose they are: a view in {@code <package>/<Class>/} belongs to that class
 * (Stapler's convention; a nested class's folder is {@code <package>/<Outer>/<Inner>/}). Also where the Jenkins API
 * manifest and the extract of it are.
 */
final class JellyViews {
    /** The folder the messages name views from: {@code step/GateAction/index.jelly}. */
    private static final String ADAPTERS = "io/jenkins/plugins/criticalchangegate/jenkins/";
    static final String EXTRACT = "jenkins-api-extract.txt";
    /** Where the real manifest is, relative to the repository: beside the clone in CI and on this machine. */
    static final String MANIFEST = "../shared/jenkins-api/manifest.txt.gz";

    private JellyViews() {
    }

    /** One Jelly file and the class it belongs to. */
    static final class View {
        final Path file;
        /** The file as messages name it. */
        final String name;
        /** Null for a file outside any class's folder (the plugin's description, {@code index.jelly}). */
        final Class<?> owner;

        View(Path file, String name, Class<?> owner) {
            this.file = file;
            this.name = name;
            this.owner = owner;
        }

        /**
         * A form fragment ({@code config.jelly}; for a credential, {@code credentials.jelly}, which the credentials
         * plugin includes instead: CredentialsDescriptor.getCredentialsPage), included into another object's page.
         */
        boolean isFormFragment() {
            String name = file.getFileName().toString();
            return owner != null && (name.equals("config.jelly") || name.equals("credentials.jelly"));
        }
    }

    /**
     * {@code src/main/resources} itself, not its copy on the class path: a file deleted from the sources stays in
     * {@code target/classes} until a clean build, and the check must not pass on it.
     */
    static Path resources() {
        return repository().resolve("src/main/resources");
    }

    /** Every Jelly file; a file in a folder that names no class is an error (its 'it' would be unknown). */
    static List<View> all() {
        Path root = resources();
        List<View> views = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".jelly")).sorted().forEach(file -> {
                Path folder = root.relativize(file).getParent();
                String relative = root.relativize(file).toString().replace('\\', '/');
                String name = relative.startsWith(ADAPTERS) ? relative.substring(ADAPTERS.length()) : relative;
                Class<?> owner = null;
                if (folder != null) {
                    owner = ViewTypes.load(folder.toString().replace('\\', '/').replace('/', '.'));
                    if (owner == null) {
                        throw new IllegalStateException(name + ": its folder names no class of the plugin, so the"
                                + " check cannot tell what 'it' is there");
                    }
                }
                views.add(new View(file, name, owner));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return views;
    }

    /** The extract of the Jenkins API the views need, kept beside these classes. */
    static JenkinsApi extract() throws IOException {
        try (InputStream in = JellyViews.class.getResourceAsStream(EXTRACT)) {
            if (in == null) {
                throw new IllegalStateException(EXTRACT + " is not on the class path");
            }
            return JenkinsApi.readExtract(EXTRACT + " (only what passing lookups needed; with " + MANIFEST
                    + " beside the repository the whole manifest is used)", in);
        }
    }

    /**
     * The Jenkins API to check the views against: the whole manifest when it is there, since a lookup that fails
     * may have to look at types no passing lookup needed; else the extract, which answers every passing lookup as
     * the manifest does ({@link JenkinsApiExtractTest} makes sure of that wherever the manifest is).
     */
    static JenkinsApi api() throws IOException {
        Path manifest = manifest();
        return Files.isRegularFile(manifest) ? JenkinsApi.readManifest(manifest) : extract();
    }

    /**
     * The repository's root: the working directory or a folder above it holding {@code src/main/resources} and
     * {@code central} (the Central build runs tests in {@code central/plugin}, the full build at the root).
     */
    static Path repository() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("src/main/resources/index.jelly"))
                    && Files.isDirectory(d.resolve("central"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    /** The real manifest: {@code -Djenkins.api.manifest=…}, else {@value #MANIFEST} beside the repository. */
    static Path manifest() {
        String configured = System.getProperty("jenkins.api.manifest");
        return configured != null ? Path.of(configured) : repository().resolve(MANIFEST).normalize();
    }

    /** The extract's source file, which regeneration writes. */
    static Path extractSource() {
        return repository().resolve("src/test/resources/" + JellyViews.class.getPackageName().replace('.', '/'))
                .resolve(EXTRACT);
    }
}
