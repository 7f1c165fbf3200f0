package io.jenkins.plugins.criticalchangegate.http;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One request whose answer, headers and body, is read within a deadline and a {@link BoundedBody}: the caller's
 * thread waits at most until the deadline, and whatever ends the wait early or late (the deadline, an interrupt, a
 * failure) aborts the exchange, so no download goes on in the background after the caller has given up.
 *
 * <p>The request's own {@link HttpRequest#timeout()} bounds only the wait for the headers; a server that sends its
 * headers and then trickles or stalls its body is bounded here.
 */
public final class BoundedExchange {
    private BoundedExchange() {
    }

    /**
     * Sends the request and waits for the whole answer.
     *
     * @param client the client to send with
     * @param request the request
     * @param body chooses the body's policy from the status and headers, once they are in (e.g.
     *     {@link BoundedBody#discarding()} for anything but success)
     * @param deadline a {@link System#nanoTime()} value: the wait ends then at the latest
     * @return the response, its body read within its bounds
     * @throws TimeoutException the deadline passed first; the exchange was aborted
     * @throws InterruptedException the waiting thread was interrupted; the exchange was aborted (the interrupt flag
     *     is clear, as with any {@code InterruptedException})
     * @throws ExecutionException the client or the body failed (its cause says how: a connection, TLS or timeout
     *     error of the client, {@link BoundedBody.TooLarge}); the exchange was aborted
     * @throws IllegalArgumentException the client cannot send this request at all (e.g. an unsupported scheme);
     *     nothing was sent
     */
    public static HttpResponse<BoundedBody.Content> send(HttpClient client, HttpRequest request,
            Function<HttpResponse.ResponseInfo, BoundedBody> body, long deadline)
            throws TimeoutException, InterruptedException, ExecutionException {
        // The subscriber is made on the client's thread when the headers arrive; the waiting thread needs it to
        // cancel the body's subscription when it gives up.
        AtomicReference<BoundedBody> subscriber = new AtomicReference<>();
        HttpResponse.BodyHandler<BoundedBody.Content> handler = info -> {
            BoundedBody chosen = body.apply(info);
            subscriber.set(chosen);
            return chosen;
        };
        CompletableFuture<HttpResponse<BoundedBody.Content>> future = client.sendAsync(request, handler);
        try {
            // The only place the caller's thread waits, and it waits at most until the deadline.
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            abort(future, subscriber.get());
            throw e;
        }
    }

    /**
     * A time limit as messages show it: whole seconds ({@code 15 s}) or, below that grain, milliseconds
     * ({@code 1500 ms}); shared by the documentation check and the registry's URL source.
     */
    public static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    private static void abort(CompletableFuture<?> future, @CheckForNull BoundedBody body) {
        if (body != null) {
            body.cancel();
        }
        future.cancel(true); // the JDK client aborts the exchange (JDK 16+)
    }
}
