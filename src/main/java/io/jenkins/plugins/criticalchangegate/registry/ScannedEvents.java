package io.jenkins.plugins.criticalchangegate.registry;

import java.util.Arrays;

/**
 * The events {@link EventScan} found, compactly: a kind and the start and end offsets in the text of each (their
 * lines and columns are counted by {@link FastEventParser} as it hands them on, in the order of the text).
 */
final class ScannedEvents {
    static final byte STREAM_START = 0;
    static final byte STREAM_END = 1;
    static final byte DOCUMENT_START = 2;
    static final byte DOCUMENT_END = 3;
    static final byte MAPPING_START_BLOCK = 4;
    static final byte MAPPING_START_FLOW = 5;
    static final byte MAPPING_END = 6;
    static final byte SEQUENCE_START_BLOCK = 7;
    static final byte SEQUENCE_START_FLOW = 8;
    static final byte SEQUENCE_END = 9;
    /** A plain scalar from start to end; an empty one when they are equal. */
    static final byte PLAIN = 10;
    /** A quoted scalar from its opening quote to after its closing one. */
    static final byte SINGLE_QUOTED = 11;
    static final byte DOUBLE_QUOTED = 12;

    byte[] kinds;
    int[] starts;
    int[] ends;
    /** How many events there are; lowered to drop those added after (a look ahead of the scan). */
    int size;

    /**
     * @param textLength the text's length: room for an event per 8 characters, about what a registry has (the
     *     generated one of the benchmarks has 2.2 million events in 17.9 MB), so that a large file's arrays are
     *     seldom grown (each growth copied them, a visible share of a parse's allocation: docs/performance.md)
     */
    ScannedEvents(int textLength) {
        int capacity = Math.max(64, textLength / 8 + 16);
        kinds = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    void add(byte kind, int start, int end) {
        if (size == kinds.length) {
            int grown = size * 2;
            kinds = Arrays.copyOf(kinds, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        size++;
    }
}
