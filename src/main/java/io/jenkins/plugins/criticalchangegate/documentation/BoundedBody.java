package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body subscriber that keeps at most {@code limit} bytes, hashing them as they come, and then cancels
 * the subscription, so the client stops reading from the connection and the rest is never downloaded. It asks for
 * one buffer list at a time: a fast server cannot make it hold more than the limit plus one list.
 *
 * <p>With a limit of 0 it cancels at once (redirects and error statuses: their bodies are not evidence).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Content> {
    /** What was read. */
    static final class Content {
        final byte[] bytes;
        final String sha256;
        final boolean truncated;

        Content(byte[] bytes, String sha256, boolean truncated) {
            this.bytes = bytes;
            this.sha256 = sha256;
            this.truncated = truncated;
        }
    }

    private final long limit;
    private final CompletableFuture<Content> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final MessageDigest digest;
    // guarded by this: signals arrive serially, but cancel() comes from the waiting thread
    @CheckForNull
    private Flow.Subscription subscription;
    private boolean cancelled;

    BoundedBody(long limit) {
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
        if (limit == 0) {
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
        boolean full = false;
        for (ByteBuffer item : items) {
            int room = (int) Math.min(limit - buffer.size(), item.remaining());
            byte[] chunk = new byte[room];
            item.get(chunk);
            buffer.write(chunk, 0, room);
            digest.update(chunk);
            if (buffer.size() >= limit) {
                full = true;
                break;
            }
        }
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s == null) {
            return; // not reachable: onNext follows onSubscribe
        }
        if (full) {
            s.cancel();
            finish(true);
        } else {
            s.request(1);
        }
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
    void cancel() {
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
    public CompletionStage<Content> getBody() {
        return result;
    }
}
