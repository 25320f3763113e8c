package dev.signals.domain.calculation;

/**
 * Numbers arbitrary ints 0, 1, 2... in order of first appearance, so that per-institution state
 * can live in plain arrays whatever ints an {@link EventHistory} uses. Open addressing in one int
 * array of (key, number + 1) pairs, 0 marking a free pair, so that a lookup that finds its key
 * reads one cache line; no boxing.
 */
final class DenseIndex {

    private int[] table;
    private int mask;
    private int size;

    /** An index that grows only beyond {@code expected} keys ({@code expected} a power of two). */
    DenseIndex(int expected) {
        if (expected < 1 || Integer.bitCount(expected) != 1) {
            throw new IllegalArgumentException("expected must be a power of two");
        }
        table = new int[expected * 4];
        mask = expected * 2 - 1;
    }

    /** The number of {@code key}, assigning the next one if it is new. */
    int numberOf(int key) {
        int[] t = table;
        int pair = mix(key) & mask;
        while (true) {
            int number = t[2 * pair + 1];
            if (number == 0) {
                return assign(pair, key);
            }
            if (t[2 * pair] == key) {
                return number - 1;
            }
            pair = (pair + 1) & mask;
        }
    }

    /** How many distinct keys have been numbered. */
    int size() {
        return size;
    }

    private int assign(int pair, int key) {
        table[2 * pair] = key;
        table[2 * pair + 1] = size + 1;
        size++;
        if (size * 2 > mask + 1) {
            grow();
        }
        return size - 1;
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        mask = mask * 2 + 1;
        for (int pair = 0; pair < old.length / 2; pair++) {
            if (old[2 * pair + 1] != 0) {
                int slot = mix(old[2 * pair]) & mask;
                while (table[2 * slot + 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[2 * pair];
                table[2 * slot + 1] = old[2 * pair + 1];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
