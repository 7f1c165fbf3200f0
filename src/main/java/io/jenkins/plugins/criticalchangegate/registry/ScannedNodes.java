package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's nodes as {@link ScannedComposer} makes them: each keeps its start and end as index, line and column
 * and makes its marks only when asked (for a message, or a duplicate's line), where SnakeYAML's keep two
 * {@link Mark} objects each. The marks they give are equal to those of the node SnakeYAML's composer makes from the
 * same events ({@code ScannedComposerDifferentialTest}). Comments are not kept (the registry's reading sets
 * {@code processComments(false)}), nor anchors (the subset has none).
 *
 * <p>{@link Sequence} and {@link Mapping} hold the same six position fields, each its own: they extend two SnakeYAML
 * classes, so they share no base of ours, and one shared position object per node would be one more object for each of
 * the hundreds of thousands of lists and mappings of a large registry (issue 17: what its parse allocates).
 */
final class ScannedNodes {
    private ScannedNodes() {
    }

    /** A scalar; its text is on one line, so start and end share the line. */
    static final class Scalar extends ScalarNode {
        private final int start;
        private final int line;
        private final int column;

        /**
         * @param end where the scalar's text ends; kept as its length from the start (the value's length, plus the
         *     quotes if any: the subset's scalars have no escapes), one field less for each of a large registry's
         *     1.4 million scalars
         */
        Scalar(Tag tag, String value, DumperOptions.ScalarStyle style, int start, int end, int line, int column) {
            super(tag, true, value, null, null, style);
            this.start = start;
            this.line = line;
            this.column = column;
            if (end - start != length()) {
                throw new IllegalArgumentException("scalar of " + value.length() + " characters from " + start
                        + " to " + end);
            }
        }

        private int length() {
            return getValue().length() + (getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 2);
        }

        @Override
        public Mark getStartMark() {
            return FastEventParser.mark(start, line, column);
        }

        @Override
        public Mark getEndMark() {
            int length = length();
            return FastEventParser.mark(start + length, line, column + length);
        }
    }

    /** A list; its end is set when its end event is reached. */
    static final class Sequence extends SequenceNode {
        private final int startIndex;
        private final int startLine;
        private final int startColumn;
        /** Unset while its items are composed, as SnakeYAML's own node's end mark. */
        private boolean ended;
        private int endIndex;
        private int endLine;
        private int endColumn;

        Sequence(List<Node> items, int index, int line, int column, DumperOptions.FlowStyle flow) {
            super(Tag.SEQ, true, items, null, null, flow);
            this.startIndex = index;
            this.startLine = line;
            this.startColumn = column;
        }

        void end(int index, int line, int column) {
            endIndex = index;
            endLine = line;
            endColumn = column;
            ended = true;
        }

        @Override
        public Mark getStartMark() {
            return FastEventParser.mark(startIndex, startLine, startColumn);
        }

        @Override
        @CheckForNull
        public Mark getEndMark() {
            return ended ? FastEventParser.mark(endIndex, endLine, endColumn) : null;
        }
    }

    /** A mapping; its end is set when its end event is reached. */
    static final class Mapping extends MappingNode {
        private final int startIndex;
        private final int startLine;
        private final int startColumn;
        /** Unset while its items are composed, as SnakeYAML's own node's end mark. */
        private boolean ended;
        private int endIndex;
        private int endLine;
        private int endColumn;

        Mapping(List<NodeTuple> pairs, int index, int line, int column, DumperOptions.FlowStyle flow) {
            super(Tag.MAP, true, pairs, null, null, flow);
            this.startIndex = index;
            this.startLine = line;
            this.startColumn = column;
        }

        void end(int index, int line, int column) {
            endIndex = index;
            endLine = line;
            endColumn = column;
            ended = true;
        }

        @Override
        public Mark getStartMark() {
            return FastEventParser.mark(startIndex, startLine, startColumn);
        }

        @Override
        @CheckForNull
        public Mark getEndMark() {
            return ended ? FastEventParser.mark(endIndex, endLine, endColumn) : null;
        }
    }
}
