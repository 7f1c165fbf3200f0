package io.jenkins.plugins.criticalchangegate.attestation;

/** One check's result: passed or not, and a sentence that says what was found. */
public final class CheckResult {
    private final Check check;
    private final boolean passed;
    private final String detail;

    CheckResult(Check check, boolean passed, String detail) {
        this.check = check;
        this.passed = passed;
        this.detail = detail;
    }

    public Check check() {
        return check;
    }

    public boolean passed() {
        return passed;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return (passed ? "ok   " : "FAIL ") + check.label() + ": " + detail;
    }
}
