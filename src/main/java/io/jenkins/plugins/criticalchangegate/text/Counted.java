package io.jenkins.plugins.criticalchangegate.text;

/**
 * A count with its noun, singular for one: "1 system", "2 systems", "0 gates". Issue 17 found "1 systems" in the
 * tool's output; every count the tool and the report print goes through here, so the rule is written once.
 */
public final class Counted {
    private Counted() {
    }

    /** {@code count} and {@code singular}, or {@code plural} for any count other than one. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** {@code count} and {@code noun}, with an "s" for any count other than one (regular nouns only). */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }
}
