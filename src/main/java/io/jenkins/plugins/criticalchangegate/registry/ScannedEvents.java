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

    byte[] kinds = new byte[1024];
    int[] starts = new int[1024];
    int[] ends = new int[1024];
    /** How many events there are; lowered to drop those added after (a look ahead of the scan). */
    int size;

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
