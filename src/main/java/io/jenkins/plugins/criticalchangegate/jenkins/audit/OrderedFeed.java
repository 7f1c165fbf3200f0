package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;

/**
 * Hands the journal's records to its listeners in the journal's order, without a lock around the append. The journal
 * commits concurrent appends together (group commit), so two threads can return from their appends in either order;
 * told directly, the listeners could see a gate's decision before its request (the index then keeps a decided gate
 * open forever, issue 14 review). Each thread offers its record here after its append: records wait until every
 * lower sequence number has arrived, and one thread at a time (whichever finds the feed idle) delivers every record
 * that is next in line, outside the feed's lock, so a listener never runs under it and never runs twice at once.
 *
 * <p>A number that never arrives (a record written past the feed, which no code does) would hold back the ones after
 * it: past {@link #MAX_WAITING} waiting records (far more than threads can append while one thread goes from its
 * append to its offer) the feed skips ahead to the lowest one it holds and says so.
 *
 * @param <T> the record type
 */
final class OrderedFeed<T> {
    private static final Logger LOGGER = Logger.getLogger(OrderedFeed.class.getName());
    /** Records held back by a missing number, at most, before the feed gives up on that number. */
    static final int MAX_WAITING = 10_000;

    private final ToLongFunction<T> seqOf;
    private final Consumer<T> sink;
    private final PriorityQueue<T> waiting;
    /** The sequence number to deliver next; 0 before the journal said where it starts. Guarded by this. */
    private long next;
    /** Whether a thread is delivering now. Guarded by this. */
    private boolean delivering;

    OrderedFeed(ToLongFunction<T> seqOf, Consumer<T> sink) {
        this.seqOf = seqOf;
        this.sink = sink;
        this.waiting = new PriorityQueue<>((a, b) -> Long.compare(seqOf.applyAsLong(a), seqOf.applyAsLong(b)));
    }

    /**
     * The journal was (re)opened: its next record has this number. Records still waiting from before are delivered
     * first, in their order (they were written).
     */
    void restartAt(long nextSeq) {
        synchronized (this) {
            if (waiting.isEmpty()) {
                next = nextSeq;
                return;
            }
            next = 0; // deliver what waits in order, then take up at nextSeq
        }
        drain();
        synchronized (this) {
            next = nextSeq;
        }
    }

    /** A record was appended: deliver it, and any it held back, once every record before it is delivered. */
    void offer(T record) {
        synchronized (this) {
            waiting.add(record);
        }
        drain();
    }

    private void drain() {
        synchronized (this) {
            if (delivering) {
                return; // the thread delivering now will deliver this record too, in its turn
            }
            delivering = true;
        }
        boolean done = false;
        try {
            while (true) {
                T head;
                synchronized (this) {
                    head = waiting.peek();
                    long seq = head == null ? 0 : seqOf.applyAsLong(head);
                    if (head == null || next > 0 && seq > next && waiting.size() < MAX_WAITING) {
                        delivering = false;
                        done = true;
                        return;
                    }
                    if (next > 0 && seq > next) {
                        long missing = next;
                        LOGGER.warning(() -> "audit journal listeners: record " + missing + " never arrived; "
                                + MAX_WAITING + " later records waited for it; going on from record " + seq);
                    }
                    waiting.poll();
                    next = Math.max(next, seq + 1);
                }
                sink.accept(head);
            }
        } finally {
            if (!done) {
                synchronized (this) {
                    delivering = false; // the sink threw (it should not): let the next offer go on
                }
            }
        }
    }

    /** How many records wait for an earlier one; for tests. */
    synchronized int waitingCount() {
        return waiting.size();
    }
}
