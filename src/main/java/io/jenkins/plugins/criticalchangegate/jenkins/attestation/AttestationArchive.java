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
import java.util.function.Supplier;
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
     * One archive write at a time, with the envelopes read inside it: two gates of a build approved at once (parallel
     * branches) each write the whole file, and a write whose list was read before the other gate was attested must not
     * land last and drop that gate's line. Global, not per build: an attestation is rare, and the standard manager's
     * write is a local copy.
     */
    private static final SerialWrites WRITES = new SerialWrites();

    /**
     * Archives the build's envelopes (each one line of JSON) as its {@value #FILE_NAME}.
     *
     * @param envelopes read when this write's turn comes, so that the last write holds every envelope
     * @throws IOException when the file cannot be written or the artifact manager refuses it
     */
    public static void archive(Run<?, ?> run, TaskListener listener, Supplier<List<String>> envelopes)
            throws IOException, InterruptedException {
        WRITES.write(envelopes, list -> write(run, listener, list));
    }

    private static void write(Run<?, ?> run, TaskListener listener, List<String> envelopes)
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
