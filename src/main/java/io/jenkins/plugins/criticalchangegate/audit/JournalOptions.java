package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How an {@link AuditJournal} is opened: the HMAC key (none for an unkeyed SHA-256 chain), when it starts a new file,
 * and the clock its timestamps come from. Immutable; build with {@link #builder()}.
 */
public final class JournalOptions {
    /** Keys shorter than this are refused: an HMAC is no stronger than its key. */
    public static final int MIN_KEY_BYTES = 16;
    /** The default size after which the journal starts a new file. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    @CheckForNull
    private final byte[] key;
    private final long maxFileBytes;
    @CheckForNull
    private final Duration rotationPeriod;
    private final Clock clock;

    private JournalOptions(Builder b) {
        this.key = b.key == null ? null : b.key.clone();
        this.maxFileBytes = b.maxFileBytes;
        this.rotationPeriod = b.rotationPeriod;
        this.clock = b.clock;
    }

    /** Unkeyed SHA-256 chain, 64 MiB files, no period, the system clock. */
    public static JournalOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of the HMAC key, if the chain is keyed. */
    public Optional<byte[]> key() {
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** The period after which a new file starts (periods are counted from the epoch, in UTC), if any. */
    public Optional<Duration> rotationPeriod() {
        return Optional.ofNullable(rotationPeriod);
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        // never the key itself
        return "JournalOptions[" + (key == null ? "sha256" : "hmac-sha256") + ", maxFileBytes=" + maxFileBytes
                + ", rotationPeriod=" + rotationPeriod + "]";
    }

    /** Builds {@link JournalOptions}. */
    public static final class Builder {
        @CheckForNull
        private byte[] key;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        @CheckForNull
        private Duration rotationPeriod;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Keys the chain with HMAC-SHA-256.
         *
         * @param key the secret, at least {@link #MIN_KEY_BYTES} bytes
         * @return this
         */
        public Builder key(byte[] key) {
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the journal key has " + key.length + " bytes; use at least "
                        + MIN_KEY_BYTES + " random bytes");
            }
            this.key = key.clone();
            return this;
        }

        /**
         * Starts a new file before a record would make the current one larger than this.
         *
         * @param maxFileBytes at least 4096
         * @return this
         */
        public Builder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes < 4096) {
                throw new IllegalArgumentException("maxFileBytes must be at least 4096, not " + maxFileBytes);
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /**
         * Starts a new file when a record's time falls in a new period (e.g. {@code Duration.ofDays(1)}: one file per
         * UTC day), in addition to the size limit.
         *
         * @param period at least one second, or {@code null} for none
         * @return this
         */
        public Builder rotationPeriod(@CheckForNull Duration period) {
            if (period != null && period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the rotation period must be at least one second, not " + period);
            }
            this.rotationPeriod = period;
            return this;
        }

        /**
         * The clock of the records' timestamps (tests use a fixed or stepping clock).
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public JournalOptions build() {
            return new JournalOptions(this);
        }
    }
}
