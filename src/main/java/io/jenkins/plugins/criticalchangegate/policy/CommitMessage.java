package io.jenkins.plugins.criticalchangegate.policy;

import java.util.List;
import java.util.Objects;

/**
 * The message of one commit being shipped, with the id that names the commit in the gate's trail (its hash, or
 * whatever else identifies it): what the AI-assisted rule reads trailers from.
 */
public final class CommitMessage {
    /** Longer ids are not commit hashes; they are cut so that a trail stays readable. */
    static final int MAX_ID_LENGTH = 100;

    private final String id;
    private final String text;

    private CommitMessage(String id, String text) {
        this.id = id;
        this.text = text;
    }

    /**
     * @param id the commit's id, e.g. its full or abbreviated hash: not blank; control characters are refused and
     *     an id longer than {@value #MAX_ID_LENGTH} characters is cut
     * @param text the whole message as git keeps it: subject, body, trailers in the last paragraph
     * @throws IllegalArgumentException for a blank id or one with control characters
     */
    public static CommitMessage of(String id, String text) {
        String trimmed = id.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a commit message needs the commit's id");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new IllegalArgumentException("a commit id must not contain control characters or line breaks");
            }
        }
        String cut = trimmed.length() > MAX_ID_LENGTH ? trimmed.substring(0, MAX_ID_LENGTH) : trimmed;
        return new CommitMessage(cut, Objects.requireNonNull(text));
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    /** The message's trailers, as {@code git interpret-trailers --parse} reads them. */
    public List<Trailer> trailers() {
        return Trailers.parse(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommitMessage && ((CommitMessage) o).id.equals(id) && ((CommitMessage) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "commit " + id;
    }
}
