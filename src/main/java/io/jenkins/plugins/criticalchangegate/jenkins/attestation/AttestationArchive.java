package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * Archives a build's attestations as its artifact {@value #FILE_NAME}: one DSSE envelope per line, one line per
 * approved gate of the build, through the build's artifact manager (so an S3 or other artifact manager keeps it
 * where it keeps the build's other artifacts). Written again, whole, after each approval: a build with two gates
 * ends with two lines.
 *
 * <p>The step may run outside {@code node {}}, so there is no workspace: the file is written to a temporary
 * directory on the controller and archived from there with a local launcher, as {@code ArtifactArchiver} archives a
 * workspace ({@code pickArtifactManager().archive(ws, launcher, BuildListenerAdapter.wrap(listener), files)}).
 */
public final class AttestationArchive {
    /** The artifact's name: the JSON Lines convention of in-toto bundles ({@code .intoto.jsonl}). */
    public static final String FILE_NAME = "critical-change-approval.intoto.jsonl";

    private AttestationArchive() {
    }

    /**
     * Archives these envelopes (each one line of JSON) as the build's {@value #FILE_NAME}.
     *
     * @throws IOException when the file cannot be written or the artifact manager refuses it
     */
    public static void archive(Run<?, ?> run, TaskListener listener, List<String> envelopes)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("critical-change-attestation");
        Path file = dir.resolve(FILE_NAME);
        try {
            StringBuilder lines = new StringBuilder();
            for (String envelope : envelopes) {
                if (envelope.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("an envelope in a JSON Lines file must be one line");
                }
                lines.append(envelope).append('\n');
            }
            Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
            run.pickArtifactManager().archive(new FilePath(dir.toFile()), new Launcher.LocalLauncher(listener),
                    BuildListenerAdapter.wrap(listener), Map.of(FILE_NAME, FILE_NAME));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
