package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * SnakeYAML's events for a registry written in the strict subset of YAML {@link EventScan} reads, without
 * SnakeYAML's scanner and parser, which were about half of the time of reading a registry of 100,000 systems
 * (issue 17, docs/performance.md). The events, their values, styles and marks (line, column, index) are those
 * SnakeYAML's {@code ParserImpl} gives for the same text ({@code FastEventParserDifferentialTest}); a text outside the
 * subset is not read here at all ({@link #accept} gives {@code null}) and SnakeYAML reads it, so every message about
 * malformed YAML still comes from SnakeYAML.
 *
 * <p>The first pass keeps a kind and two offsets per event (2.2 million events for 100,000 systems would be far too
 * many objects); each event is made when the composer asks for it, its line and column counted on the way.
 */
final class FastEventParser implements Parser {
    /** The name SnakeYAML's StreamReader gives a String; our marks carry no buffer (only line and column are read). */
    private static final String NAME = "'string'";
    private static final int[] NO_BUFFER = new int[0];
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);

    final String text;
    final ScannedEvents scan;
    private int next;
    @CheckForNull
    private Event current;
    /** Where line and column have been counted to: events come in the order of the text. */
    private int counted;
    private int line;
    private int lineStart;
    /** The first line break at or after {@link #lineStart}; {@code Integer.MAX_VALUE} when there is none. */
    private int nextBreak;

    private FastEventParser(String text, ScannedEvents scan) {
        this.text = text;
        this.scan = scan;
        int found = text.indexOf('\n');
        this.nextBreak = found < 0 ? Integer.MAX_VALUE : found;
    }

    /**
     * The events of the text, or {@code null} when it is outside the subset (or over the options' size or nesting
     * limits): SnakeYAML must read it.
     */
    @CheckForNull
    static FastEventParser accept(String text, LoaderOptions options) {
        if (text.length() > options.getCodePointLimit()) {
            return null;
        }
        ScannedEvents scan = EventScan.scan(text, options.getNestingDepthLimit());
        return scan == null ? null : new FastEventParser(text, scan);
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        Event event = peekEvent();
        return event != null && event.is(choice);
    }

    @Override
    @CheckForNull
    public Event peekEvent() {
        if (current == null && next < scan.size) {
            current = event(next++);
        }
        return current;
    }

    @Override
    @CheckForNull
    public Event getEvent() {
        Event event = peekEvent();
        current = null;
        return event;
    }

    private Event event(int i) {
        int start = scan.starts[i];
        int end = scan.ends[i];
        Mark startMark = mark(start);
        // every event's text is on one line
        Mark endMark = end == start ? startMark
                : new Mark(NAME, end, line, end - lineStart, NO_BUFFER, 0);
        switch (scan.kinds[i]) {
            case ScannedEvents.STREAM_START:
                return new StreamStartEvent(startMark, endMark);
            case ScannedEvents.STREAM_END:
                return new StreamEndEvent(startMark, endMark);
            case ScannedEvents.DOCUMENT_START:
                return new DocumentStartEvent(startMark, endMark, false, null, null);
            case ScannedEvents.DOCUMENT_END:
                return new DocumentEndEvent(startMark, endMark, false);
            case ScannedEvents.MAPPING_START_BLOCK:
                return new MappingStartEvent(null, null, true, startMark, endMark, DumperOptions.FlowStyle.BLOCK);
            case ScannedEvents.MAPPING_START_FLOW:
                return new MappingStartEvent(null, null, true, startMark, endMark, DumperOptions.FlowStyle.FLOW);
            case ScannedEvents.MAPPING_END:
                return new MappingEndEvent(startMark, endMark);
            case ScannedEvents.SEQUENCE_START_BLOCK:
                return new SequenceStartEvent(null, null, true, startMark, endMark, DumperOptions.FlowStyle.BLOCK);
            case ScannedEvents.SEQUENCE_START_FLOW:
                return new SequenceStartEvent(null, null, true, startMark, endMark, DumperOptions.FlowStyle.FLOW);
            case ScannedEvents.SEQUENCE_END:
                return new SequenceEndEvent(startMark, endMark);
            case ScannedEvents.PLAIN:
                return new ScalarEvent(null, null, PLAIN, text.substring(start, end), startMark, endMark,
                        DumperOptions.ScalarStyle.PLAIN);
            case ScannedEvents.SINGLE_QUOTED:
                return new ScalarEvent(null, null, QUOTED, text.substring(start + 1, end - 1), startMark, endMark,
                        DumperOptions.ScalarStyle.SINGLE_QUOTED);
            case ScannedEvents.DOUBLE_QUOTED:
                return new ScalarEvent(null, null, QUOTED, text.substring(start + 1, end - 1), startMark, endMark,
                        DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            default:
                throw new IllegalStateException("unknown event kind " + scan.kinds[i]);
        }
    }

    /** The mark at an index at or after the last one asked for, counting the lines in between. */
    private Mark mark(int index) {
        countTo(index);
        return mark(index, line, index - lineStart);
    }

    /** A mark as this parser's events carry them: no copy of the text, only line and column are read. */
    static Mark mark(int index, int line, int column) {
        return new Mark(NAME, index, line, column, NO_BUFFER, 0);
    }

    /** Counts the lines up to an index at or after the last one counted: {@link #line()} is then its line. */
    void countTo(int index) {
        if (index < counted) {
            throw new IllegalStateException("events out of the order of the text at " + index);
        }
        // from line break to line break (String.indexOf is the JIT's vectorised search), not character by character:
        // every character of a large registry passes here (docs/performance.md)
        while (nextBreak < index) {
            line++;
            lineStart = nextBreak + 1;
            int found = text.indexOf('\n', lineStart);
            nextBreak = found < 0 ? Integer.MAX_VALUE : found;
        }
        counted = index;
    }

    /** The 0-based line of the index last counted to. */
    int line() {
        return line;
    }

    /** Where the line of the index last counted to starts: a column is the index minus this. */
    int lineStart() {
        return lineStart;
    }

    /**
     * The index of the next event not handed out yet, for {@link ScannedComposer}, which composes nodes straight
     * from the scan and then {@link #resumeAt resumes} this parser after them. A peeked event is taken back.
     */
    int position() {
        return current != null ? next - 1 : next;
    }

    /** Continues with the event at {@code index}, after the events {@link ScannedComposer} composed. */
    void resumeAt(int index) {
        current = null;
        next = index;
    }
}
