package io.jenkins.plugins.criticalchangegate.http;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body subscriber that never holds more than {@code limit} bytes, hashing them (SHA-256) as they come.
 * When the body reaches the limit (truncating) or goes past it (refusing) it cancels the subscription, so the client
 * stops reading from the connection and the rest is never downloaded. What it does then is its policy:
 * <ul>
 *   <li>{@link #truncating(long)} keeps the first {@code limit} bytes and ends with {@link Content#truncated()} set
 *       (the documentation check: a long page is evidence too, and the evidence records that it was cut);</li>
 *   <li>{@link #refusing(long, HttpResponse.ResponseInfo)} fails with {@link TooLarge}, and does so without reading
 *       anything when the declared {@code Content-Length} is already over the limit (a registry: half a registry is
 *       never used);</li>
 *   <li>{@link #discarding()} reads nothing and ends at once with an empty body (redirects and error statuses:
 *       their bodies are neither evidence nor content).</li>
 * </ul>
 *
 * <p>It asks for one buffer list at a time, so a fast server cannot make it hold more than the limit plus one list.
 * One instance serves one response; {@link BoundedExchange} has the caller choose it once the status and headers are
 * in, and cancels it when the caller gives up waiting.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Content> {
    /** What was read: an immutable value. */
    public static final class Content {
        private final byte[] bytes;
        private final String sha256;
        private final boolean truncated;

        Content(byte[] bytes, String sha256, boolean truncated) {
            this.bytes = bytes;
            this.sha256 = sha256;
            this.truncated = truncated;
        }

        /** A copy of the bytes kept. */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** How many bytes were kept. */
        public int length() {
            return bytes.length;
        }

        /** The SHA-256 of the bytes kept, in lower-case hex. */
        public String sha256() {
            return sha256;
        }

        /**
         * Whether the body reached the limit and reading stopped there (truncating policy only). A body of exactly
         * the limit counts as truncated: the subscriber stops as soon as it holds the limit, before it could learn
         * that nothing more was coming.
         */
        public boolean truncated() {
            return truncated;
        }
    }

    /** The body is larger than the limit (refusing policy). */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    private final boolean refuseOverLimit;
    /** Set when the body is refused before any byte is read (declared Content-Length over the limit). */
    @CheckForNull
    private final String refusedAtOnce;
    private final CompletableFuture<Content> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final MessageDigest digest;
    // guarded by this: signals arrive serially, but cancel() comes from the waiting thread
    @CheckForNull
    private Flow.Subscription subscription;
    private boolean cancelled;

    private BoundedBody(long limit, boolean refuseOverLimit, @CheckForNull String refusedAtOnce) {
        if (limit < 0) {
            throw new IllegalArgumentException("a body limit cannot be negative: " + limit);
        }
        this.limit = limit;
        this.refuseOverLimit = refuseOverLimit;
        this.refusedAtOnce = refusedAtOnce;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Keeps the first {@code limit} bytes and stops reading there, marking the content truncated. A limit of 0 reads
     * nothing, as {@link #discarding()} does.
     */
    public static BoundedBody truncating(long limit) {
        return new BoundedBody(limit, false, null);
    }

    /**
     * Keeps up to {@code limit} bytes and fails with {@link TooLarge} as soon as more arrive; when the response
     * declares a {@code Content-Length} over the limit, fails at once without reading any of it.
     *
     * @param limit at least 1
     * @param response the status and headers, for the declared length
     */
    public static BoundedBody refusing(long limit, HttpResponse.ResponseInfo response) {
        if (limit < 1) {
            throw new IllegalArgumentException("a refusing body limit must be at least 1 byte, not " + limit);
        }
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > limit) {
            return new BoundedBody(0, true, "larger than " + limit + " bytes (Content-Length " + declared.getAsLong()
                    + ")");
        }
        return new BoundedBody(limit, true, null);
    }

    /** Reads nothing and ends at once with an empty body. */
    public static BoundedBody discarding() {
        return new BoundedBody(0, false, null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean stop;
        synchronized (this) {
            stop = cancelled || subscription != null;
            if (!stop) {
                subscription = s;
            }
        }
        if (stop) {
            s.cancel();
            return;
        }
        if (refusedAtOnce != null) {
            s.cancel();
            result.completeExceptionally(new TooLarge(refusedAtOnce));
        } else if (limit == 0) {
            s.cancel();
            finish(false);
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s == null) {
            return; // not reachable: onNext follows onSubscribe
        }
        for (ByteBuffer item : items) {
            if (refuseOverLimit && buffer.size() + (long) item.remaining() > limit) {
                s.cancel();
                result.completeExceptionally(new TooLarge("larger than " + limit + " bytes"));
                return;
            }
            int room = (int) Math.min(limit - buffer.size(), item.remaining());
            byte[] chunk = new byte[room];
            item.get(chunk);
            buffer.write(chunk, 0, room);
            digest.update(chunk);
            if (!refuseOverLimit && buffer.size() >= limit) {
                s.cancel();
                finish(true);
                return;
            }
        }
        s.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        finish(false);
    }

    private void finish(boolean truncated) {
        if (!result.isDone()) {
            result.complete(new Content(buffer.toByteArray(), HexFormat.of().formatHex(digest.digest()), truncated));
        }
    }

    /** Stops reading: the caller gave up waiting. */
    public void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            cancelled = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        result.cancel(false);
    }

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "the BodySubscriber contract: the client completes"
            + " the response with this stage")
    public CompletionStage<Content> getBody() {
        return result;
    }
}
