package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;

/**
 * SnakeYAML's composer, counting nodes (a flat list of millions of tiny items is within the size limit but would
 * take a large part of the heap), remembering where it is, for messages without their own mark, and refusing every
 * explicit tag: the standard ones too ({@code !!str 1}, {@code !!float 2}), which would otherwise pass as plain
 * values, and on keys as well as values (docs/registry.md).
 *
 * <p>Given a {@link StreamedReading}, it hands each entry of the top-level {@code systems} list to it as soon as the
 * entry is composed, and keeps none of them: the tree of a large registry (a gigabyte of nodes for 100,000 systems)
 * is never built. Everything else is composed as without it, by SnakeYAML's own code: the entries are composed by
 * {@link #composeValueNode}, which nests them exactly as the list would (same depth limit, same aliases).
 */
final class BoundedComposer extends org.yaml.snakeyaml.composer.Composer {
    private final int maxNodes;
    private final int nestingLimit;
    private final String sourceName;
    private int nodes;
    /** How many mappings and lists are being composed: 1 inside the document's top-level mapping. */
    private int depth;
    @CheckForNull
    Mark lastMark;
    /** The explicit tags found, each at its node. */
    private final List<RegistryProblem> tagProblems;
    @CheckForNull
    private final StreamedReading stream;
    /** The key of the top-level pair being composed. */
    @CheckForNull
    private Node topKey;
    /** Set just before the top-level {@code systems} list is composed, when it is to be streamed. */
    private boolean streamNext;

    /** @param stream reads the {@code systems} entries as they come; {@code null}: compose the whole tree */
    BoundedComposer(Parser parser, LoaderOptions options, int maxNodes, String sourceName,
            List<RegistryProblem> tagProblems, @CheckForNull StreamedReading stream) {
        super(parser, new PlainScalars(), options);
        this.maxNodes = maxNodes;
        this.nestingLimit = options.getNestingDepthLimit();
        this.sourceName = sourceName;
        this.tagProblems = tagProblems;
        this.stream = stream;
    }

    /** Counts the node the next event starts and refuses its tag, if it has one; true when it has. */
    private boolean count() {
        Event event = parser.peekEvent();
        lastMark = event.getStartMark();
        if (++nodes > maxNodes) {
            throw new NodeLimitExceeded(lastMark);
        }
        String tag = event instanceof ScalarEvent ? ((ScalarEvent) event).getTag()
                : event instanceof CollectionStartEvent ? ((CollectionStartEvent) event).getTag() : null;
        if (tag == null) {
            return false;
        }
        if (stream != null) {
            // a tag is a problem, which the reading of the whole tree reports with the rest
            throw new StreamedReading.Abandoned();
        }
        tagProblems.add(RegistryParser.problemAt(sourceName, lastMark, "explicit tags are not allowed: remove '"
                + NodeValues.printable(shortTag(tag)) + "' (a registry holds plain values, lists and mappings;"
                + " see docs/registry.md)"));
        return true;
    }

    /** Counts a node {@link ScannedComposer} composes: no event, no tag (the subset has none). */
    private void countScanned() {
        if (++nodes > maxNodes) {
            throw new StreamedReading.Abandoned(); // the whole tree's reading reports the limit
        }
    }

    @Override
    protected Node composeScalarNode(String anchor, List<CommentLine> comments) {
        boolean tagged = count();
        Node node = super.composeScalarNode(anchor, comments);
        if (tagged) {
            node.setTag(PlainScalars.REFUSED); // reported once, above: the readers skip it
        }
        return node;
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
        boolean tagged = count();
        StreamedReading reading = stream;
        if (streamNext && reading != null) {
            streamNext = false;
            return streamSystems(reading);
        }
        depth++;
        Node node = super.composeSequenceNode(anchor);
        depth--;
        if (tagged) {
            node.setTag(PlainScalars.REFUSED);
        }
        return node;
    }

    @Override
    protected Node composeMappingNode(String anchor) {
        boolean tagged = count();
        depth++;
        Node node = super.composeMappingNode(anchor);
        depth--;
        if (tagged) {
            node.setTag(PlainScalars.REFUSED);
        }
        return node;
    }

    @Override
    protected Node composeKeyNode(MappingNode node) {
        Node key = super.composeKeyNode(node);
        if (depth == 1) {
            topKey = key;
        }
        return key;
    }

    @Override
    protected Node composeValueNode(MappingNode node) {
        StreamedReading reading = stream;
        Node key = topKey;
        if (reading != null && depth == 1 && key != null && !reading.began()
                && reading.isSystems(key, node.getValue()) && plainSequenceNext()) {
            reading.begin(node);
            streamNext = true;
        }
        return super.composeValueNode(node);
    }

    /** A list without anchor or tag comes next: nothing can refer to it, so it need not be kept. */
    private boolean plainSequenceNext() {
        Event next = parser.peekEvent();
        return next instanceof SequenceStartEvent && ((SequenceStartEvent) next).getAnchor() == null
                && ((SequenceStartEvent) next).getTag() == null;
    }

    /**
     * Composes the top-level {@code systems} list as SnakeYAML's composer would, but hands each entry to the stream
     * instead of keeping it: the list itself comes back empty, with its marks.
     */
    private Node streamSystems(StreamedReading reading) {
        SequenceStartEvent start = (SequenceStartEvent) parser.getEvent();
        SequenceNode list = new SequenceNode(Tag.SEQ, true, List.of(), start.getStartMark(), null,
                start.getFlowStyle());
        // each entry at the depth it has in the list (the document's mapping, the list, the entry), as the
        // composer's own nesting limit counts it
        MappingNode parent = new MappingNode(Tag.MAP, List.of(), start.getFlowStyle());
        depth++;
        if (parser instanceof FastEventParser) {
            // straight from the scan, without events: SnakeYAML's composer would nest each entry inside the
            // document's mapping and the list, depth 2 by its count
            new ScannedComposer((FastEventParser) parser, nestingLimit, this::countScanned).items(2, reading::entry);
        } else {
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                reading.entry(super.composeValueNode(parent));
            }
        }
        depth--;
        list.setEndMark(parser.getEvent().getEndMark());
        reading.end(list);
        return list;
    }

    /** {@code !!str} rather than {@code tag:yaml.org,2002:str}, as the file has it. */
    private static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    /** Thrown when the document has too many nodes. */
    static final class NodeLimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Mark mark;

        NodeLimitExceeded(Mark mark) {
            super(null, null, false, false);
            this.mark = mark;
        }
    }
}
