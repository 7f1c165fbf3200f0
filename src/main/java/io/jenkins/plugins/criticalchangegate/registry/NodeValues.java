package io.jenkins.plugins.criticalchangegate.registry;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The shared readers of values in a registry document: mappings, lists, single values, whole numbers and booleans,
 * each reporting a value of the wrong shape at its place and giving {@code null} (or what could be read) instead.
 */
final class NodeValues {
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);

    /** The most digits a whole number has: 9, so that it fits an int. */
    private static final int MAX_DIGITS = 9;

    private final Problems problems;

    NodeValues(Problems problems) {
        this.problems = problems;
    }

    @CheckForNull
    MappingNode mapping(Node node, String what) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (node instanceof MappingNode) {
            return (MappingNode) node;
        }
        // the message is made only when needed: these are called for every system (docs/performance.md)
        problems.add(node, what + " must be a mapping of keys to values, not " + describe(node));
        return null;
    }

    @CheckForNull
    SequenceNode sequence(Node node, String key) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (node instanceof SequenceNode) {
            return (SequenceNode) node;
        }
        problems.add(node, "'" + key + "' must be a list such as [a, b], not " + describe(node));
        return null;
    }

    List<String> strings(Node node, String key, boolean allowEmpty) {
        SequenceNode seq = sequence(node, key);
        if (seq == null) {
            return new ArrayList<>();
        }
        // sized: a list grown from the default capacity was a tenth of a large registry's garbage of lists
        List<String> values = new ArrayList<>(seq.getValue().size());
        if (seq.getValue().isEmpty() && !allowEmpty) {
            problems.add(seq, "'" + key + "' is empty: list at least one");
        }
        for (Node item : seq.getValue()) {
            String text = string(item, key);
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    @CheckForNull
    String string(Node node, String key) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode)) {
            problems.add(node, "'" + key + "' must be a single value, not " + describe(node));
            return null;
        }
        String value = ((ScalarNode) node).getValue().strip();
        if (node.getTag().equals(Tag.NULL) || value.isEmpty()) {
            problems.add(node, "'" + key + "' is empty");
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                problems.add(node, "'" + key + "' must not contain control characters or line breaks");
                return null;
            }
        }
        return value;
    }

    @CheckForNull
    Integer integer(Node node, String key) {
        String text = string(node, key);
        if (text == null) {
            return null;
        }
        if (!wholeNumber(text)) {
            problems.add(node, "'" + key + "' must be a whole number, not '" + printable(text) + "'");
            return null;
        }
        return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    }

    /**
     * Plain decimal, as docs/registry.md says: {@code [+-]?[0-9]{1,9}}, not 0x2, 2.0 or 1_000. By hand: a matcher per
     * system was a visible share of a large registry's allocation (docs/performance.md).
     */
    static boolean wholeNumber(String text) {
        int first = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        int digits = text.length() - first;
        if (digits < 1 || digits > MAX_DIGITS) {
            return false;
        }
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @CheckForNull
    Boolean bool(Node node, String key) {
        String text = string(node, key);
        if (text == null) {
            return null;
        }
        switch (text) {
            case "true":
            case "True":
            case "TRUE":
                return Boolean.TRUE;
            case "false":
            case "False":
            case "FALSE":
                return Boolean.FALSE;
            default:
                problems.add(node, "'" + key + "' must be true or false, not '" + printable(text) + "'");
                return null;
        }
    }

    /** Only plain YAML values: an explicit tag such as {@code !!binary} or {@code !custom} is refused. */
    private boolean tagAllowed(Node node) {
        Tag tag = node.getTag();
        if (tag.equals(PlainScalars.REFUSED)) {
            return false; // its explicit tag is reported already
        }
        boolean ok = node instanceof ScalarNode ? SCALAR_TAGS.contains(tag)
                : node instanceof SequenceNode ? tag.equals(Tag.SEQ) : tag.equals(Tag.MAP);
        if (!ok) {
            problems.add(node, "the tag " + printable(tag.getValue()) + " is not supported: a registry holds plain"
                    + " values, lists and mappings");
        }
        return ok;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode) {
            return node.getTag().equals(Tag.NULL) ? "an empty value" : "the single value '"
                    + printable(abbreviate(((ScalarNode) node).getValue())) + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** Text from the file, shortened and with its control characters written as escapes, to quote in a message. */
    static String printable(String text) {
        return printable(text, 60);
    }

    /** Text quoted in a message, at most {@code max} characters, its control characters written as escapes. */
    static String printable(String text, int max) {
        return ControlCharacters.escape(text, max);
    }
}
