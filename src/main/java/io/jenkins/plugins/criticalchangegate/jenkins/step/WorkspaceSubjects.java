package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifacts of {@code subjectFiles}: the workspace files the glob matches, each hashed (SHA-256) as it stands when
 * the gate is requested, named by its path in the workspace. Runs on the plugin's pool; the bytes stream from the
 * agent to the controller ({@code FilePath.read()}), which suits deployable artifacts, and the number of files is
 * bounded so that a glob such as {@code **} cannot hash a whole workspace.
 */
final class WorkspaceSubjects {
    /** Most files one glob may name: an attestation lists what is deployed, not a workspace. */
    static final int MAX_FILES = 100;

    private WorkspaceSubjects() {
    }

    /**
     * Hashes the files the glob matches.
     *
     * @param glob an Ant-style glob, or null for none
     * @param workspace the step's workspace, or null when it runs outside {@code node {}}
     * @throws AbortException when there is a glob but no workspace, when it matches nothing or too much
     */
    static List<SubjectEntry> hash(@CheckForNull String glob, @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        if (glob == null) {
            return List.of();
        }
        if (workspace == null) {
            throw new AbortException("criticalChangeGate: parameter 'subjectFiles' needs a workspace: call the step"
                    + " inside node {} (or name the artifacts with 'subjects')");
        }
        FilePath[] files = workspace.list(glob);
        if (files.length == 0) {
            throw new AbortException("criticalChangeGate: parameter 'subjectFiles': '" + glob + "' matches no file in"
                    + " " + workspace.getRemote());
        }
        if (files.length > MAX_FILES) {
            throw new AbortException("criticalChangeGate: parameter 'subjectFiles': '" + glob + "' matches "
                    + Counted.of(files.length, "file") + ", more than " + MAX_FILES
                    + "; name the artifacts that are deployed");
        }
        List<SubjectEntry> out = new ArrayList<>();
        for (FilePath file : files) {
            String name = relative(workspace, file);
            SubjectEntry entry = SubjectEntry.artifact(name, sha256(file));
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "subject " + name + " sha256:"
                    + entry.getDigest());
            out.add(entry);
        }
        return out;
    }

    /** The subjects as the journal's GATE_REQUESTED record lists them: {@code name} and the digest by algorithm. */
    static List<Map<String, Object>> journal(List<SubjectEntry> subjects) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubjectEntry s : subjects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.getName());
            m.put(s.getAlgorithm(), s.getDigest());
            out.add(m);
        }
        return out;
    }

    /** The file's path below the workspace, with {@code /} separators (an agent may be Windows). */
    static String relative(FilePath workspace, FilePath file) {
        String root = workspace.getRemote().replace('\\', '/');
        String path = file.getRemote().replace('\\', '/');
        if (path.startsWith(root + "/")) {
            return path.substring(root.length() + 1);
        }
        return file.getName();
    }

    private static String sha256(FilePath file) throws IOException, InterruptedException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.read()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
