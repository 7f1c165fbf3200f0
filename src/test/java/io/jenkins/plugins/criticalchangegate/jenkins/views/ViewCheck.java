package io.jenkins.plugins.criticalchangegate.jenkins.views;

import io.jenkins.plugins.criticalchangegate.jenkins.views.ExpressionScanner.Expression;
import io.jenkins.plugins.criticalchangegate.jenkins.views.ExpressionScanner.Path;
import io.jenkins.plugins.criticalchangegate.jenkins.views.ExpressionScanner.Step;
import io.jenkins.plugins.criticalchangegate.jenkins.views.PageVariables.Binding;
import io.jenkins.plugins.criticalchangegate.jenkins.views.ViewTypes.Found;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks that every property path of one view resolves: each {@code ${…}} of every attribute and text, with the
 * variables in scope where it stands. {@code <j:set var value="${path}">} types its variable as the path's type (from
 * there to the end of the enclosing element); {@code <j:forEach var items="${path}">} types its variable, inside the
 * loop, as the element type of the collection; a variable any other tag defines ({@code varStatus}, a
 * {@code <j:set>} of a compound expression, a tag file's {@code var}) is accepted by name, unchecked.
 *
 * <p>A problem reads {@code step/GateAction/index.jelly:4: ${it.run.fullDisplayName}: GateAction has no public
 * getRun()/isRun()/field 'run'}: the file, the line of the expression, the expression as written, the first step
 * that does not resolve.
 */
final class ViewCheck {
    private static final String JELLY_CORE = "jelly:core";

    private final ViewTypes types;

    ViewCheck(ViewTypes types) {
        this.types = types;
    }

    /** The problems of one view, in the order they stand in the file. */
    List<String> check(JellyViews.View view) throws IOException {
        return check(view, Files.readString(view.file, StandardCharsets.UTF_8));
    }

    /** The problems of a view's text (the check's own tests give it one). */
    List<String> check(JellyViews.View view, String text) throws IOException {
        Walk walk = new Walk(view, text);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), walk);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(view.name + ": not well-formed: " + e.getMessage(), e);
        }
        return walk.problems;
    }

    /** Resolves one path; null when it resolves (or leads to a value the check cannot type). */
    String resolve(Path path, Binding binding) {
        if (binding.problem != null) {
            return binding.problem;
        }
        JavaType type = binding.type;
        for (Step step : path.steps) {
            if (type == null) {
                return null; // an untyped value: accepted by name
            }
            Found found;
            if (step.index) {
                found = type.isArray() || type.arguments().size() == 1 ? types.elementType(type)
                        : type.arguments().size() == 2 ? Found.of(type.arguments().get(1)) : Found.untyped();
            } else if (step.isCall()) {
                found = types.call(type, step.name, step.arity);
            } else {
                found = types.property(type, step.name);
            }
            if (found.isProblem()) {
                return found.problem;
            }
            type = found.type;
        }
        return null;
    }

    /** The SAX walk over one view, with the variables in scope. */
    private final class Walk extends DefaultHandler {
        private final JellyViews.View view;
        private final String text;
        private final int[] lineStarts;
        private final List<String> problems = new ArrayList<>();
        private final Deque<Map<String, Binding>> scopes = new ArrayDeque<>();
        private final StringBuilder pendingText = new StringBuilder();
        private Locator locator;
        /** Where the last event ended in the text: expressions after it belong to the next one. */
        private int lastOffset;

        Walk(JellyViews.View view, String text) {
            this.view = view;
            this.text = text;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
            scopes.push(new HashMap<>());
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            int end = offset();
            flushText(end);
            Map<String, Binding> enclosing = scopes.peek();
            Map<String, Expression> sole = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                for (Expression e : ExpressionScanner.scan(attributes.getValue(i))) {
                    check(e, end);
                    sole.put(attributes.getLocalName(i), e);
                }
            }
            Map<String, Binding> scope = new HashMap<>();
            scopes.push(scope);
            String var = attributes.getValue("var");
            boolean core = JELLY_CORE.equals(uri);
            if (core && localName.equals("forEach")) {
                if (var != null) {
                    scope.put(var, loopVariable(sole.get("items"), attributes.getValue("items") == null));
                }
                String status = attributes.getValue("varStatus");
                if (status != null) {
                    scope.put(status, Binding.untyped());
                }
            } else if (core && localName.equals("set") && var != null) {
                String value = attributes.getValue("value");
                enclosing.put(var, value == null ? Binding.typed(JavaType.of("java.lang.String"))
                        : valueOf(sole.get("value")));
            } else if (var != null) {
                enclosing.put(var, Binding.untyped());
            }
            lastOffset = end;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            int end = offset();
            flushText(end);
            scopes.pop();
            lastOffset = end;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            pendingText.append(ch, start, length);
        }

        private void flushText(int end) {
            String pending = pendingText.toString();
            pendingText.setLength(0);
            for (Expression e : ExpressionScanner.scan(pending)) {
                check(e, end);
            }
        }

        /** The loop variable: the element type of {@code items}, or an Integer counter without items. */
        private Binding loopVariable(Expression items, boolean counter) {
            if (counter) {
                return Binding.typed(JavaType.of("java.lang.Integer"));
            }
            Binding collection = valueOf(items);
            if (collection.type == null) {
                return Binding.untyped();
            }
            Found element = types.elementType(collection.type);
            if (element.isProblem()) {
                return Binding.unavailable(element.problem);
            }
            return element.type == null ? Binding.untyped() : Binding.typed(element.type);
        }

        /** The type of an expression that is one path; untyped for anything else, or a path that fails. */
        private Binding valueOf(Expression e) {
            Path path = e == null ? null : e.soleValue();
            if (path == null) {
                return Binding.untyped();
            }
            Binding b = lookup(path.variable);
            JavaType type = b.type;
            if (b.problem != null || type == null) {
                return Binding.untyped();
            }
            for (Step step : path.steps) {
                Found f = step.isCall() ? types.call(type, step.name, step.arity)
                        : step.index ? Found.untyped() : types.property(type, step.name);
                if (f.isProblem() || f.type == null) {
                    return Binding.untyped(); // reported where the expression stands
                }
                type = f.type;
            }
            return Binding.typed(type);
        }

        private Binding lookup(String variable) {
            for (Map<String, Binding> scope : scopes) {
                Binding b = scope.get(variable);
                if (b != null) {
                    return b;
                }
            }
            return PageVariables.of(variable, view, types);
        }

        private void check(Expression e, int end) {
            for (Path path : e.paths) {
                String problem = resolve(path, lookup(path.variable));
                if (problem != null) {
                    problems.add(view.name + ":" + lineOf(e.text, end) + ": " + e.text + ": " + problem);
                }
            }
        }

        /** The line of an expression that stands between the previous event and {@code end}. */
        private int lineOf(String expression, int end) {
            int at = text.lastIndexOf(expression, Math.max(0, end - 1));
            int offset = at >= lastOffset ? at : end;
            int line = 0;
            while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
                line++;
            }
            return line + 1;
        }

        /** The text offset the locator points at (just after the event). */
        private int offset() {
            int line = Math.max(1, locator.getLineNumber());
            int column = Math.max(1, locator.getColumnNumber());
            int start = line - 1 < lineStarts.length ? lineStarts[line - 1] : text.length();
            return Math.min(text.length(), start + column - 1);
        }
    }
}
