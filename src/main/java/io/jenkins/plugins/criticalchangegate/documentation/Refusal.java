package io.jenkins.plugins.criticalchangegate.documentation;

/**
 * A rule refused the URL or the page: the reason code and a detail a person can act on. Internal to the check,
 * which turns it into {@link Evidence}; never carries the Authorization value.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    Refusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
