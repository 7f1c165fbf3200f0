package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the step was told the change deploys, checked: artifacts named with their SHA-256 ({@code subjects}), a glob of
 * workspace files to hash ({@code subjectFiles}), the commit being built ({@code commit}). Serializable: the step's
 * execution keeps it in program.dat until the gate opens (the files are hashed then).
 */
public final class SubjectRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longest glob accepted: it is echoed in the log and in errors. */
    static final int MAX_GLOB = 500;

    private final ArrayList<SubjectEntry> artifacts;
    @CheckForNull
    private final String files;
    @CheckForNull
    private final SubjectEntry commit;

    private SubjectRequest(List<SubjectEntry> artifacts, @CheckForNull String files, @CheckForNull SubjectEntry commit) {
        this.artifacts = new ArrayList<>(artifacts);
        this.files = files;
        this.commit = commit;
    }

    /** Nothing named: the attestation will name the build's commits, if Jenkins knows any. */
    public static SubjectRequest none() {
        return new SubjectRequest(List.of(), null, null);
    }

    /**
     * Checks the step's parameters.
     *
     * @param artifacts name and SHA-256 of each artifact, in the order given (a null value is reported as missing)
     * @param files a glob of workspace files, or null
     * @param commit the full commit id, or null
     * @throws IllegalArgumentException naming each parameter that breaks a rule, one per line
     */
    public static SubjectRequest check(List<Map.Entry<String, String>> artifacts, @CheckForNull String files,
            @CheckForNull String commit) {
        List<String> problems = new ArrayList<>();
        List<SubjectEntry> named = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            Map.Entry<String, String> a = artifacts.get(i);
            try {
                SubjectEntry entry = SubjectEntry.artifact(a.getKey(), a.getValue());
                if (named.stream().anyMatch(n -> n.getName().equals(entry.getName()))) {
                    problems.add("criticalChangeGate: parameter 'subjects': artifact '" + entry.getName()
                            + "' is named twice");
                } else {
                    named.add(entry);
                }
            } catch (IllegalArgumentException e) {
                problems.add("criticalChangeGate: parameter 'subjects', entry " + (i + 1) + ": " + e.getMessage());
            }
        }
        String glob = files == null || files.isBlank() ? null : files.strip();
        if (glob != null && (glob.length() > MAX_GLOB || glob.chars().anyMatch(Character::isISOControl))) {
            problems.add("criticalChangeGate: parameter 'subjectFiles' must be one line of at most " + MAX_GLOB
                    + " characters");
        }
        SubjectEntry built = null;
        if (commit != null && !commit.isBlank()) {
            try {
                built = SubjectEntry.commit(commit.strip());
            } catch (IllegalArgumentException e) {
                problems.add("criticalChangeGate: parameter 'commit': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new SubjectRequest(named, glob, built);
    }

    /** The artifacts named with their digests. */
    public List<SubjectEntry> artifacts() {
        return List.copyOf(artifacts);
    }

    /** The glob of workspace files to hash, or null. */
    @CheckForNull
    public String files() {
        return files;
    }

    /** The commit being built, or null. */
    @CheckForNull
    public SubjectEntry commit() {
        return commit;
    }

    /**
     * The subjects of the attestation: the artifacts named and hashed, else the commit given, else the commits of the
     * build's change sets that are named by a full id.
     *
     * @param hashed the files matched by {@link #files()}, hashed
     * @param changeSetCommits the commit ids of the build's change sets
     */
    public List<SubjectEntry> subjects(List<SubjectEntry> hashed, List<String> changeSetCommits) {
        List<SubjectEntry> out = new ArrayList<>(artifacts());
        out.addAll(hashed);
        if (!out.isEmpty()) {
            return out;
        }
        if (commit != null) {
            return List.of(commit);
        }
        for (String id : changeSetCommits) {
            if (id != null && id.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")) {
                SubjectEntry c = SubjectEntry.commit(id);
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
