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
 */
final class ScannedNodes {
    private ScannedNodes() {
    }

    /** Where a node starts or ends: index, 0-based line and column, as a {@link Mark} has them. */
    static final class Position {
        final int index;
        final int line;
        final int column;

        Position(int index, int line, int column) {
            this.index = index;
            this.line = line;
            this.column = column;
        }

        Mark mark() {
            return FastEventParser.mark(index, line, column);
        }
    }

    /** A scalar; its text is on one line, so start and end share the line. */
    static final class Scalar extends ScalarNode {
        private final int start;
        private final int end;
        private final int line;
        private final int column;

        Scalar(Tag tag, String value, DumperOptions.ScalarStyle style, int start, int end, int line, int column) {
            super(tag, true, value, null, null, style);
            this.start = start;
            this.end = end;
            this.line = line;
            this.column = column;
        }

        @Override
        public Mark getStartMark() {
            return FastEventParser.mark(start, line, column);
        }

        @Override
        public Mark getEndMark() {
            return FastEventParser.mark(end, line, column + end - start);
        }
    }

    /** A list; its end is set when its end event is reached. */
    static final class Sequence extends SequenceNode {
        private final Position start;
        /** Unset while its items are composed, as SnakeYAML's own node's end mark. */
        @CheckForNull
        private Position end;

        Sequence(List<Node> items, Position start, DumperOptions.FlowStyle flow) {
            super(Tag.SEQ, true, items, null, null, flow);
            this.start = start;
        }

        void end(Position at) {
            end = at;
        }

        @Override
        public Mark getStartMark() {
            return start.mark();
        }

        @Override
        @CheckForNull
        public Mark getEndMark() {
            Position at = end;
            return at == null ? null : at.mark();
        }
    }

    /** A mapping; its end is set when its end event is reached. */
    static final class Mapping extends MappingNode {
        private final Position start;
        /** Unset while its items are composed, as SnakeYAML's own node's end mark. */
        @CheckForNull
        private Position end;

        Mapping(List<NodeTuple> pairs, Position start, DumperOptions.FlowStyle flow) {
            super(Tag.MAP, true, pairs, null, null, flow);
            this.start = start;
        }

        void end(Position at) {
            end = at;
        }

        @Override
        public Mark getStartMark() {
            return start.mark();
        }

        @Override
        @CheckForNull
        public Mark getEndMark() {
            Position at = end;
            return at == null ? null : at.mark();
        }
    }
}
