package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One top-level key of the registry format: its name, whether the file must have it, and the reader of its value.
 * {@link FormatVersion1} lists them; a new top-level section (issue 13: {@code aiAssisted}, {@code approvalRules},
 * {@code overlays}, {@code freezes}, {@code windows}) is one more {@link SectionReader}, listed there.
 */
final class TopLevelSection {
    final String key;
    /** For a required key, what the problem tells the user to write when it is missing; {@code null} if optional. */
    @CheckForNull final String whenMissing;
    final SectionReader reader;

    private TopLevelSection(String key, @CheckForNull String whenMissing, SectionReader reader) {
        this.key = key;
        this.whenMissing = whenMissing;
        this.reader = reader;
    }

    /**
     * @param whenMissing completes "missing required key 'KEY': ", e.g. {@code write 'version: 1' as the first
     *     line}
     */
    static TopLevelSection required(String key, String whenMissing, SectionReader reader) {
        return new TopLevelSection(key, whenMissing, reader);
    }

    static TopLevelSection optional(String key, SectionReader reader) {
        return new TopLevelSection(key, null, reader);
    }
}
