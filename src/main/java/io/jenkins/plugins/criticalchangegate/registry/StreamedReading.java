package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a registry's top-level {@code systems} list entry by entry, as {@link BoundedComposer} composes it, so that
 * the node tree of the whole file is never held: each entry is validated and built into its system, then dropped.
 * For 100,000 systems the tree was about a gigabyte, composed, kept, walked and collected (issue 17,
 * docs/performance.md).
 *
 * <p>It is a shortcut for valid files in the documented order, and only for those: the same readers
 * ({@link FormatVersion1}'s sections, {@link SystemReader}) read the same nodes in the same order as the reading of
 * the whole tree. At the first sign of anything else it gives up ({@link Abandoned}): any problem at all, an explicit
 * tag, a YAML error or limit, a section that systems depend on ({@code version}, {@code unknownSystems},
 * {@code defaults}) written after {@code systems}, a top-level key that is not what it seemed. The file is then read
 * again as a whole tree, which reports every problem with the message and place it always had. So no message comes
 * from here, and what this reading accepts the tree's reading accepts identically ({@code StreamedReadingTest}
 * compares the two on every registry of the tests and docs and on mutations of them).
 */
final class StreamedReading {
    /** Thrown through the composer to give up: the file is read again as a whole tree. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("read as a whole tree instead", null, false, false);
        }
    }

    private final FormatVersion1 format;
    private final Reading reading;
    private final RegistryDraft draft = new RegistryDraft();
    private final SystemReader systems;
    /** The values the sections before systems were read from, by key; absent keys map to nothing. */
    private final Map<String, Node> before = new HashMap<>();
    private boolean began;
    private int entries;
    @CheckForNull
    private SequenceNode list;

    StreamedReading(FormatVersion1 format, Reading reading) {
        this.format = format;
        this.reading = reading;
        this.systems = new SystemReader(reading);
    }

    boolean began() {
        return began;
    }

    /**
     * Whether a top-level key is the first {@code systems} key of the document, as {@link KnownKeys} would read it.
     *
     * @param earlier the top-level pairs before it
     */
    boolean isSystems(Node key, List<NodeTuple> earlier) {
        if (!FormatVersion1.SYSTEMS.equals(KnownKeys.plainKey(key))) {
            return false;
        }
        for (NodeTuple tuple : earlier) {
            if (FormatVersion1.SYSTEMS.equals(KnownKeys.plainKey(tuple.getKeyNode()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The systems list starts: reads the sections it depends on from the top-level pairs composed so far.
     *
     * @throws Abandoned when they have a problem
     */
    void begin(MappingNode top) {
        began = true;
        for (String key : FormatVersion1.keysBeforeSystems()) {
            for (NodeTuple tuple : top.getValue()) {
                if (key.equals(KnownKeys.plainKey(tuple.getKeyNode()))) {
                    before.put(key, tuple.getValueNode());
                    break;
                }
            }
        }
        try {
            format.readBeforeSystems(before, reading, draft);
        } catch (RegistryException e) {
            throw new Abandoned();
        }
        giveUpOnProblems();
    }

    /** One entry of the list, composed: validated and built, or the reading given up. */
    void entry(Node entry) {
        systems.read(entry, draft);
        entries++;
        giveUpOnProblems();
    }

    /** The list ended; {@code composed} is the list as the document's mapping holds it (empty, with its marks). */
    void end(SequenceNode composed) {
        if (entries == 0) {
            throw new Abandoned(); // 'systems' is empty: a problem
        }
        list = composed;
        draft.listedIds = systems.ids(); // one systems list here, read once: no copy needed
    }

    /**
     * The registry, from the document's root once composed; {@code null} when it must be read as a whole tree instead
     * (the systems list was not streamed, or the rest of the document has a problem or is not in the expected order).
     */
    @CheckForNull
    Registry finish(Node root) {
        if (!began || list == null) {
            return null;
        }
        try {
            return format.finishStreamed(root, before, list, reading, draft);
        } catch (RegistryException e) {
            return null;
        }
    }

    private void giveUpOnProblems() {
        if (!reading.problems.isEmpty()) {
            throw new Abandoned();
        }
    }
}
