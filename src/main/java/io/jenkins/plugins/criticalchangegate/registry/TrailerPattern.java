package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One way to recognise an AI-assisted commit by a trailer of its message: the trailer's key, compared ignoring case
 * (as git compares trailer keys), and a regular expression searched in the trailer's value ignoring case, or any value
 * when there is none. {@link #BUILT_IN} are the patterns a registry gets when its {@code aiAssisted} names none.
 *
 * <p>Kept inside a {@link CriticalSystem}, so serializable: it keeps the expression's text, not a compiled
 * {@link Pattern}, because a gate's saved state admits only the plugin's own classes and plain JDK values (the
 * Jenkins layer's GateStateCodec), and compiling again for one gate is cheap.
 */
public final class TrailerPattern implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest expression a registry may give. */
    public static final int MAX_VALUE_LENGTH = 1000;

    /**
     * How many characters one match may read before it is given up. A commit's author writes the trailers and the
     * registry's author the expression: an expression that backtracks catastrophically on some value must not stop
     * the gate, so a match that runs out counts as a match (the stricter rule applies: fails safe).
     */
    static final int MATCH_BUDGET = 1_000_000;

    /** A git trailer key: letters, digits and '-', as git's trailer parser accepts them (ASCII only). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /**
     * The patterns used when a registry's {@code aiAssisted} gives no {@code trailers}, or lists {@code built-in}:
     * the trailers the common coding assistants add (docs/registry.md lists them). The names alone would also catch
     * people called Claude, Kiro or Cursor, so those patterns need the assistant's own form (name alone or with its
     * product words before the e-mail address, or the assistant's address).
     */
    public static final List<TrailerPattern> BUILT_IN = List.of(
            builtIn("GitHub Copilot", "Co-authored-by", "\\bcopilot\\b"),
            builtIn("Claude", "Co-authored-by",
                    "^claude(\\s+((code|opus|sonnet|haiku)\\b|\\d)[^<]*)?\\s*(<|$)|@anthropic\\.com\\b"),
            builtIn("Amazon Q", "Co-authored-by", "^amazon\\s+q\\b"),
            builtIn("Kiro", "Co-authored-by",
                    "^kiro(\\s+(agent|ai)\\b[^<]*)?\\s*(<|$)|\\bkiro-agent\\b|@kiro\\.dev\\b"),
            builtIn("Cursor", "Co-authored-by", "^cursor(\\s+agent)?\\s*(<|$)|\\bcursoragent@cursor\\.com\\b"),
            builtIn("OpenAI Codex", "Co-authored-by", "\\bcodex\\b"),
            builtIn("Gemini", "Co-authored-by", "\\bgemini\\b"),
            builtIn("Assisted-by", "Assisted-by", null),
            builtIn("Generated-by", "Generated-by", null));

    private final String key;
    @CheckForNull
    private final String value;
    /** The built-in pattern's name, e.g. {@code Claude}; {@code null} for a registry's own. */
    @CheckForNull
    private final String name;

    private TrailerPattern(String key, @CheckForNull String value, @CheckForNull String name) {
        this.key = key;
        this.value = value;
        this.name = name;
    }

    /**
     * A registry's own pattern.
     *
     * @param key the trailer key, e.g. {@code Co-authored-by}
     * @param value a regular expression searched in the value ignoring case, or {@code null} for any value
     * @throws IllegalArgumentException for a key git would not read as a trailer key, an expression that is too long
     *     or does not compile ({@link java.util.regex.PatternSyntaxException})
     */
    public static TrailerPattern of(String key, @CheckForNull String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("trailer key '" + NodeValues.printable(key) + "' is not valid: use 1 to"
                    + " 100 letters, digits and '-', as git writes trailer keys (e.g. Co-authored-by)");
        }
        if (value != null) {
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("a trailer value pattern is at most " + MAX_VALUE_LENGTH
                        + " characters long");
            }
            Pattern.compile(value, FLAGS);
        }
        return new TrailerPattern(key, value, null);
    }

    private static TrailerPattern builtIn(String name, String key, @CheckForNull String value) {
        return new TrailerPattern(key, value, name);
    }

    /** The trailer key, as written. */
    public String key() {
        return key;
    }

    /** The regular expression over the value; empty when any value matches. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** The name of a built-in pattern, e.g. {@code GitHub Copilot}; empty for a registry's own pattern. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Whether a trailer matches: the same key ignoring case, and the expression found in the value ignoring case (a
     * match that would read more than {@link #MATCH_BUDGET} characters counts as found).
     */
    public boolean matches(String trailerKey, String trailerValue) {
        return compile().matches(trailerKey, trailerValue);
    }

    /** This pattern with its expression compiled, to test many trailers. */
    public Compiled compile() {
        return new Compiled(this, value == null ? null : Pattern.compile(value, FLAGS));
    }

    /** A {@link TrailerPattern} ready to test trailers; not kept (a compiled expression is not a plain value). */
    public static final class Compiled {
        private final TrailerPattern pattern;
        @CheckForNull
        private final Pattern value;

        private Compiled(TrailerPattern pattern, @CheckForNull Pattern value) {
            this.pattern = pattern;
            this.value = value;
        }

        /** The pattern as the registry gives it. */
        public TrailerPattern pattern() {
            return pattern;
        }

        /** See {@link TrailerPattern#matches}. */
        public boolean matches(String trailerKey, String trailerValue) {
            if (!pattern.key.equalsIgnoreCase(trailerKey)) {
                return false;
            }
            if (value == null) {
                return true;
            }
            try {
                return value.matcher(new BudgetedText(trailerValue, MATCH_BUDGET)).find();
            } catch (BudgetedText.Exhausted e) {
                return true;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrailerPattern)) {
            return false;
        }
        TrailerPattern that = (TrailerPattern) o;
        return key.equals(that.key) && Objects.equals(value, that.value) && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, name);
    }

    /** As messages show it: {@code Co-authored-by: /\bcopilot\b/}, {@code Assisted-by: any value}. */
    @Override
    public String toString() {
        return key + ": " + (value == null ? "any value" : "/" + value + "/");
    }

    /**
     * A text that a {@link java.util.regex.Matcher} may read a bounded number of times: the matcher reads its input
     * only through {@link #charAt}, so even catastrophic backtracking ends once the budget is spent. Counted, not
     * timed, so that the same commits always give the same answer.
     */
    private static final class BudgetedText implements CharSequence {
        private final CharSequence text;
        private final int[] left;

        BudgetedText(CharSequence text, int budget) {
            this(text, new int[] {budget});
        }

        private BudgetedText(CharSequence text, int[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.subSequence(start, end), left);
        }

        @Override
        public String toString() {
            return text.toString();
        }

        /** The budget ran out before the matcher decided. */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super("the match read more characters than its budget", null, false, false);
            }
        }
    }
}
