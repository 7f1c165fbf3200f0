package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Composes nodes straight from the events {@link EventScan} recorded, with neither SnakeYAML's {@code Event} objects
 * (each with two marks) nor its composer's bookkeeping (two comment lists per node, a set of the nodes being
 * composed): for 100,000 systems those were about half of the gigabyte a parse allocated, and the collections it
 * took shared the 2 cores with the parse (issue 17, docs/performance.md). The nodes are SnakeYAML's own classes
 * ({@link ScannedNodes}), equal to those SnakeYAML's composer makes from the same events: class, tag, value, style,
 * flow style and marks ({@code ScannedComposerDifferentialTest}), so the readers cannot tell them apart.
 *
 * <p>Used by {@link BoundedComposer} for the entries of the top-level {@code systems} list when the whole file is
 * in the subset ({@link FastEventParser}). What SnakeYAML's composer would do differently it does not do: a merge
 * key ({@code <<}), a node over the nesting limit or over the node limit give up the streamed reading
 * ({@link StreamedReading.Abandoned}), and the file is read as a whole tree by SnakeYAML's composer, which reports it.
 */
final class ScannedComposer {
    private final FastEventParser events;
    private final ScannedEvents scan;
    private final ScalarTexts texts;
    private final int nestingLimit;
    /** Counts each node against the document's node limit; throws to stop. */
    private final Runnable countNode;
    private int i;

    /**
     * @param events the parser, at the first event to compose; it continues after the composed events
     * @param countNode called for each node, as {@link BoundedComposer} counts them
     */
    ScannedComposer(FastEventParser events, int nestingLimit, Runnable countNode) {
        this.events = events;
        this.scan = events.scan;
        this.texts = new ScalarTexts(events.text);
        this.nestingLimit = nestingLimit;
        this.countNode = countNode;
        this.i = events.position();
    }

    /**
     * Composes the items of the list whose start event was taken last, each handed on as soon as it is composed; the
     * parser is left at the list's end event.
     *
     * @param depth SnakeYAML's composer's nesting depth inside the list (it counts every node, scalars too)
     */
    void items(int depth, Consumer<Node> each) {
        while (scan.kinds[i] != ScannedEvents.SEQUENCE_END) {
            Node item = node(depth);
            events.resumeAt(i); // a problem in the item may need the parser where the item ends
            each.accept(item);
        }
        events.resumeAt(i);
    }

    /** The document's root node, from the parser's document start event; the parser is left after it. */
    Node document() {
        if (scan.kinds[i] != ScannedEvents.STREAM_START || scan.kinds[i + 1] != ScannedEvents.DOCUMENT_START) {
            throw new IllegalStateException("not at the start of the stream");
        }
        i += 2;
        Node root = node(0);
        events.resumeAt(i);
        return root;
    }

    private Node node(int depth) {
        if (depth > nestingLimit) {
            throw new StreamedReading.Abandoned(); // SnakeYAML's composer refuses it, with its message
        }
        countNode.run();
        switch (scan.kinds[i]) {
            case ScannedEvents.PLAIN:
            case ScannedEvents.SINGLE_QUOTED:
            case ScannedEvents.DOUBLE_QUOTED:
                return scalar();
            case ScannedEvents.SEQUENCE_START_BLOCK:
            case ScannedEvents.SEQUENCE_START_FLOW:
                return sequence(depth);
            case ScannedEvents.MAPPING_START_BLOCK:
            case ScannedEvents.MAPPING_START_FLOW:
                return mapping(depth);
            default:
                throw new IllegalStateException("no node starts with event kind " + scan.kinds[i] + " at "
                        + scan.starts[i]);
        }
    }

    private Node scalar() {
        byte kind = scan.kinds[i];
        int start = scan.starts[i];
        int end = scan.ends[i];
        i++;
        events.countTo(start);
        int line = events.line();
        int column = start - events.lineStart();
        if (kind == ScannedEvents.PLAIN) {
            String value = texts.of(start, end);
            return new ScannedNodes.Scalar(PlainScalars.plainTag(value), value, DumperOptions.ScalarStyle.PLAIN,
                    start, end, line, column);
        }
        // quoted without escapes (the subset): the text between the quotes, as the parser's event has it
        return new ScannedNodes.Scalar(Tag.STR, texts.of(start + 1, end - 1),
                kind == ScannedEvents.SINGLE_QUOTED ? DumperOptions.ScalarStyle.SINGLE_QUOTED
                        : DumperOptions.ScalarStyle.DOUBLE_QUOTED, start, end, line, column);
    }

    private Node sequence(int depth) {
        DumperOptions.FlowStyle flow = scan.kinds[i] == ScannedEvents.SEQUENCE_START_FLOW
                ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK;
        List<Node> items = new ArrayList<>(4);
        int start = start();
        ScannedNodes.Sequence node = new ScannedNodes.Sequence(items, start, events.line(),
                start - events.lineStart(), flow);
        while (scan.kinds[i] != ScannedEvents.SEQUENCE_END) {
            items.add(node(depth + 1));
        }
        int end = end();
        node.end(end, events.line(), end - events.lineStart());
        return node;
    }

    private Node mapping(int depth) {
        DumperOptions.FlowStyle flow = scan.kinds[i] == ScannedEvents.MAPPING_START_FLOW
                ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK;
        List<NodeTuple> pairs = new ArrayList<>(8);
        int start = start();
        ScannedNodes.Mapping node = new ScannedNodes.Mapping(pairs, start, events.line(), start - events.lineStart(),
                flow);
        while (scan.kinds[i] != ScannedEvents.MAPPING_END) {
            Node key = node(depth + 1);
            if (key.getTag().equals(Tag.MERGE)) {
                throw new StreamedReading.Abandoned(); // SnakeYAML's composer marks the mapping merged and checks
            }
            pairs.add(new NodeTuple(key, node(depth + 1)));
        }
        int end = end();
        node.end(end, events.line(), end - events.lineStart());
        return node;
    }

    /**
     * Where the collection whose start event is next starts: its index, the parser's line counted to it (so its line
     * and column are {@code events.line()} and the index less {@code events.lineStart()}); takes the event.
     */
    private int start() {
        int start = scan.starts[i];
        i++;
        events.countTo(start);
        return start;
    }

    /**
     * Where the collection whose end event is next ends, as its end event's end mark has it: the index, with the line
     * counted to the event's start as for {@link #start()}; takes the event.
     */
    private int end() {
        int start = scan.starts[i];
        int end = scan.ends[i];
        i++;
        events.countTo(start);
        return end;
    }
}
