package io.jenkins.plugins.criticalchangegate.documentation;

/**
 * A view of a text that throws {@link DeadlineExceeded} once a deadline has passed. {@link java.util.regex.Matcher}
 * reads its input only through {@link #charAt}, so even catastrophic backtracking ends soon after the deadline.
 */
final class DeadlineCharSequence implements CharSequence {
    /** Reading the clock costs more than a character: look at it every this many reads. */
    private static final int CHECK_EVERY = 1 << 10;

    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new DeadlineExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The deadline passed while a pattern was still matching. */
    static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("matching did not end within its time bound", null, false, false);
        }
    }
}
