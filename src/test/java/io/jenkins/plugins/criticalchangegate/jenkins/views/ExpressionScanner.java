package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the JEXL expressions of a Jelly attribute or text ({@code ${…}}) and the property paths in each: a variable
 * followed by {@code .name}, {@code .name(args)} or {@code [index]} steps, as in {@code ${it.run.fullDisplayName}},
 * {@code ${g.approvals.size()}} or {@code ${instance.registryFailing ? 'error' : 'ok'}} (one path). Operators,
 * literals and JEXL's own words ({@code null}, {@code empty}, {@code eq}...) are not paths. Arguments of a call are
 * scanned too. {@code ${%Text}} is a message of the view's properties file, not a path; its arguments are.
 */
final class ExpressionScanner {
    /** JEXL 1.1's literals and word operators; never variables. */
    private static final Set<String> WORDS = Set.of("null", "true", "false", "empty", "size", "not", "and", "or",
            "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "new", "instanceof");

    private ExpressionScanner() {
    }

    /** One {@code ${…}} as written, with the paths in it. */
    static final class Expression {
        final String text;
        final List<Path> paths;

        Expression(String text, List<Path> paths) {
            this.text = text;
            this.paths = List.copyOf(paths);
        }

        /** The path, when the whole expression is one (so its value has that path's type). */
        Path soleValue() {
            String inner = text.substring(2, text.length() - 1).strip();
            for (Path path : paths) {
                if (path.source.equals(inner)) {
                    return path;
                }
            }
            return null;
        }
    }

    /** A variable and the steps read from it. */
    static final class Path {
        final String variable;
        final List<Step> steps;
        /** The path as written. */
        final String source;

        Path(String variable, List<Step> steps, String source) {
            this.variable = variable;
            this.steps = List.copyOf(steps);
            this.source = source;
        }

        /** The path up to and including step {@code n} (0 = the variable alone): {@code it.run}. */
        String prefix(int n) {
            StringBuilder out = new StringBuilder(variable);
            for (int i = 0; i < n; i++) {
                out.append(steps.get(i));
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return prefix(steps.size());
        }
    }

    /** {@code .name}, {@code .name(…)} with its number of arguments, or {@code […]}. */
    static final class Step {
        final String name;
        /** -1 for a property, else the number of arguments of the call. */
        final int arity;
        final boolean index;

        private Step(String name, int arity, boolean index) {
            this.name = name;
            this.arity = arity;
            this.index = index;
        }

        static Step property(String name) {
            return new Step(name, -1, false);
        }

        static Step call(String name, int arity) {
            return new Step(name, arity, false);
        }

        static Step index() {
            return new Step("[]", -1, true);
        }

        boolean isCall() {
            return arity >= 0;
        }

        @Override
        public String toString() {
            if (index) {
                return "[…]";
            }
            return isCall() ? "." + name + "(" + (arity == 0 ? "" : "…") + ")" : "." + name;
        }
    }

    /** Every {@code ${…}} of an attribute value or a text. */
    static List<Expression> scan(String text) {
        List<Expression> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return out;
            }
            int end = closingBrace(text, start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated expression: " + text.substring(start));
            }
            String inner = text.substring(start + 2, end);
            List<Path> paths = new ArrayList<>();
            if (inner.startsWith("%")) {
                int open = inner.indexOf('(');
                if (open >= 0) {
                    new Tokens(inner.substring(open)).paths(paths);
                }
            } else {
                new Tokens(inner).paths(paths);
            }
            out.add(new Expression(text.substring(start, end + 1), paths));
            from = end + 1;
        }
    }

    private static int closingBrace(String text, int from) {
        char quote = 0;
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** A little tokenizer and parser over one expression's inside. */
    private static final class Tokens {
        private final String text;
        private int pos;

        Tokens(String text) {
            this.text = text;
        }

        /** Reads to the end, or to an unmatched {@code )}, {@code ]} or top-level {@code ,}; collects the paths. */
        void paths(List<Path> out) {
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    return;
                }
                char c = text.charAt(pos);
                if (c == ')' || c == ']' || c == ',') {
                    return;
                }
                if (c == '\'' || c == '"') {
                    skipString(c);
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = pos;
                    String word = identifier();
                    skipSpace();
                    if (peek('(')) { // a JEXL function: empty(x), size(x)
                        arguments(out);
                    } else if (!WORDS.contains(word)) {
                        out.add(path(word, start, out));
                    }
                } else if (Character.isDigit(c)) {
                    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '.')) {
                        pos++;
                    }
                } else if (c == '(' || c == '[') {
                    pos++;
                    paths(out);
                    pos++; // the closing one
                } else {
                    pos++; // an operator
                }
            }
        }

        private Path path(String variable, int start, List<Path> out) {
            List<Step> steps = new ArrayList<>();
            while (true) {
                int before = pos;
                skipSpace();
                if (peek('.') && pos + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(pos + 1))) {
                    pos++;
                    String name = identifier();
                    skipSpace();
                    if (peek('(')) {
                        steps.add(Step.call(name, arguments(out)));
                    } else {
                        steps.add(Step.property(name));
                    }
                } else if (peek('[')) {
                    pos++;
                    paths(out);
                    pos++;
                    steps.add(Step.index());
                } else {
                    pos = before;
                    return new Path(variable, steps, text.substring(start, before).strip());
                }
            }
        }

        /** Reads {@code (a, b)}, scanning each argument; returns how many there are. */
        private int arguments(List<Path> out) {
            pos++; // (
            int count = 0;
            while (true) {
                skipSpace();
                if (peek(')')) {
                    pos++;
                    return count;
                }
                count++;
                paths(out);
                if (peek(',')) {
                    pos++;
                } else if (peek(')')) {
                    pos++;
                    return count;
                } else if (pos >= text.length()) {
                    return count;
                }
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void skipString(char quote) {
            pos++;
            while (pos < text.length() && text.charAt(pos) != quote) {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }
    }
}
