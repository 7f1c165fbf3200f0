package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What one {@link RegistrySource#fetch} brought: the content, or the news that it is unchanged. Immutable. */
public final class Fetched {
    @CheckForNull
    private final byte[] bytes;
    private final Validators validators;

    private Fetched(@CheckForNull byte[] bytes, Validators validators) {
        this.bytes = bytes;
        this.validators = validators;
    }

    /** The source is known unchanged since the fetch these validators came from. */
    public static Fetched unchanged(Validators validators) {
        return new Fetched(null, validators);
    }

    /** New content (a copy of {@code bytes} is kept), with what lets the next fetch skip it if unchanged. */
    public static Fetched content(byte[] bytes, Validators validators) {
        return new Fetched(bytes.clone(), validators);
    }

    public boolean isUnchanged() {
        return bytes == null;
    }

    /**
     * A copy of the content.
     *
     * @throws IllegalStateException when {@link #isUnchanged()}: there is no content then
     */
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            throw new IllegalStateException("an unchanged fetch has no content");
        }
        return b.clone();
    }

    public Validators validators() {
        return validators;
    }

    @Override
    public String toString() {
        return bytes == null ? "unchanged " + validators : bytes.length + " bytes " + validators;
    }

    /**
     * What lets the next fetch skip an unchanged source: the ETag and Last-Modified of an HTTP answer; the size,
     * modification time and file key (device and inode where the platform has them) of a file. Immutable.
     */
    public static final class Validators {
        private static final Validators NONE = new Validators(null, null, -1, null, null);

        @CheckForNull
        private final String etag;
        @CheckForNull
        private final String lastModified;
        private final long size;
        @CheckForNull
        private final Instant modified;
        @CheckForNull
        private final String fileKey;

        private Validators(@CheckForNull String etag, @CheckForNull String lastModified, long size,
                @CheckForNull Instant modified, @CheckForNull String fileKey) {
            this.etag = etag;
            this.lastModified = lastModified;
            this.size = size;
            this.modified = modified;
            this.fileKey = fileKey;
        }

        /** Nothing to compare with: the next fetch reads everything. */
        public static Validators none() {
            return NONE;
        }

        /** From an HTTP answer: its {@code ETag} and {@code Last-Modified} headers, each null when absent. */
        public static Validators http(@CheckForNull String etag, @CheckForNull String lastModified) {
            return new Validators(etag, lastModified, -1, null, null);
        }

        /** From a file's attributes; {@code fileKey} is null where the platform has none. */
        public static Validators file(long size, Instant modified, @CheckForNull String fileKey) {
            return new Validators(null, null, size, modified, fileKey);
        }

        public Optional<String> etag() {
            return Optional.ofNullable(etag);
        }

        public Optional<String> lastModified() {
            return Optional.ofNullable(lastModified);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Validators)) {
                return false;
            }
            Validators that = (Validators) o;
            return size == that.size && Objects.equals(etag, that.etag)
                    && Objects.equals(lastModified, that.lastModified) && Objects.equals(modified, that.modified)
                    && Objects.equals(fileKey, that.fileKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(etag, lastModified, size, modified, fileKey);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Validators[");
            if (etag != null) {
                s.append("etag=").append(etag).append(' ');
            }
            if (lastModified != null) {
                s.append("lastModified=").append(lastModified).append(' ');
            }
            if (modified != null) {
                s.append("size=").append(size).append(" modified=").append(modified).append(' ');
            }
            if (fileKey != null) {
                s.append("fileKey=").append(fileKey).append(' ');
            }
            return s.toString().strip() + "]";
        }
    }
}
