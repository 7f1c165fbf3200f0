package io.jenkins.plugins.criticalchangegate.registry;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The distinct keys seen so far, each numbered in the order it was first seen: a hash set without an entry object
 * per key (open addressing over arrays). A reader of 100,000 systems remembers each id and glob until the registry is
 * built, and those entries, alive through the parse, were copied by every young collection (docs/performance.md);
 * what a reader keeps with a key (where it was first seen) goes in its own arrays, at the key's number.
 *
 * @param <K> the keys' type, with {@code equals} and {@code hashCode}
 */
final class FirstSeen<K> {
    /** The keys by number. */
    private Object[] keys = new Object[16];
    /** Each key's hash, by number: compared before {@code equals} and kept for growing the table. */
    private int[] hashes = new int[16];
    /** Open addressing, linear probing: a key's number plus one; 0 for a free slot. At most half full. */
    private int[] table = new int[32];
    private int size;

    /**
     * @return the number of the key equal to {@code key} seen before; or, when there is none, {@code -1}, and the
     *     key is remembered as number {@link #size()} (before the call)
     */
    int addIfAbsent(K key) {
        int hash = spread(key.hashCode());
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = slot + 1 & mask) {
            int entry = table[slot];
            if (entry == 0) {
                break;
            }
            if (hashes[entry - 1] == hash && keys[entry - 1].equals(key)) {
                return entry - 1;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        keys[size] = key;
        hashes[size] = hash;
        size++;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(table, size - 1);
        }
        return -1;
    }

    /** Whether a key equal to {@code key} was seen. */
    boolean contains(Object key) {
        return numberOf(key) >= 0;
    }

    /** The number of the key equal to {@code key}; {@code -1} when none was seen. */
    int numberOf(Object key) {
        int hash = spread(key.hashCode());
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = slot + 1 & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (hashes[entry - 1] == hash && keys[entry - 1].equals(key)) {
                return entry - 1;
            }
        }
    }

    /** How many distinct keys were seen. */
    int size() {
        return size;
    }

    /** The key numbered {@code number}. */
    @SuppressWarnings("unchecked")
    K key(int number) {
        if (number < 0 || number >= size) {
            throw new IndexOutOfBoundsException("key " + number + " of " + size);
        }
        return (K) keys[number];
    }

    /** The keys seen, as a set that follows this one (read-only), in the order they were first seen. */
    Set<K> asSet() {
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object key) {
                return key != null && FirstSeen.this.contains(key);
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<K> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public K next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return key(next++);
                    }
                };
            }
        };
    }

    private void rehash(int capacity) {
        int[] grown = new int[capacity];
        for (int number = 0; number < size; number++) {
            insert(grown, number);
        }
        table = grown;
    }

    private void insert(int[] into, int number) {
        int mask = into.length - 1;
        int slot = hashes[number] & mask;
        while (into[slot] != 0) {
            slot = slot + 1 & mask;
        }
        into[slot] = number + 1;
    }

    /** The hash's high bits mixed into the low ones the table uses (as {@code HashMap} does). */
    private static int spread(int hash) {
        return hash ^ hash >>> 16;
    }
}
