package io.jenkins.plugins.criticalchangegate.policy;

import java.util.Objects;

/**
 * One trailer of a commit message, as git reads it ({@link Trailers}): {@code Co-authored-by: Claude
 * <noreply@anthropic.com>} has the key {@code Co-authored-by} and the value {@code Claude <noreply@anthropic.com>},
 * both trimmed, a value folded over several lines joined into one.
 */
public final class Trailer {
    private final String key;
    private final String value;

    public Trailer(String key, String value) {
        this.key = Objects.requireNonNull(key);
        this.value = Objects.requireNonNull(value);
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trailer && ((Trailer) o).key.equals(key) && ((Trailer) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + value.hashCode();
    }

    /** As git prints it with {@code --parse}: {@code Key: value}. */
    @Override
    public String toString() {
        return key + ": " + value;
    }
}
