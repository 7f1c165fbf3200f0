package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body subscriber that keeps at most {@code limit} bytes and fails with {@link TooLarge} as soon as more
 * arrive, cancelling the subscription so the rest is never downloaded. It asks for one buffer list at a time, so a
 * fast server cannot make it hold much more than the limit.
 */
final class BoundedBytes implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is larger than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    @CheckForNull
    private final String refusal;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    // guarded by this: signals arrive serially, but cancel() comes from the waiting thread
    @CheckForNull
    private Flow.Subscription subscription;
    private boolean cancelled;

    private BoundedBytes(long limit, @CheckForNull String refusal) {
        this.limit = limit;
        this.refusal = refusal;
    }

    /** Keeps up to {@code limit} bytes. */
    static BoundedBytes upTo(long limit) {
        return new BoundedBytes(limit, null);
    }

    /** Reads nothing and ends at once with an empty body (error statuses, redirects: their bodies are not used). */
    static BoundedBytes discarding() {
        return new BoundedBytes(0, null);
    }

    /** Reads nothing and fails with {@link TooLarge} (the declared Content-Length is already over the limit). */
    static BoundedBytes refusing(String message) {
        return new BoundedBytes(0, message);
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
        if (refusal != null) {
            s.cancel();
            result.completeExceptionally(new TooLarge(refusal));
        } else if (limit == 0) {
            s.cancel();
            result.complete(new byte[0]);
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
            if (buffer.size() + (long) item.remaining() > limit) {
                s.cancel();
                result.completeExceptionally(new TooLarge("larger than " + limit + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
        s.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
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
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
