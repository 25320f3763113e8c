package dev.signals.domain.calculation;

/**
 * Numbers arbitrary ints 0, 1, 2... in order of first appearance, so that per-institution state
 * can live in plain arrays whatever ints an {@link EventHistory} uses. Open addressing, no boxing.
 */
final class DenseIndex {

    private int[] keys = new int[16];
    private int[] numbers = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** The number of {@code key}, assigning the next one if it is new. */
    int numberOf(int key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (used[slot]) {
            if (keys[slot] == key) {
                return numbers[slot];
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        numbers[slot] = size;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    /** How many distinct keys have been numbered. */
    int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldNumbers = numbers;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        numbers = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = mix(oldKeys[i]) & mask;
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                keys[slot] = oldKeys[i];
                numbers[slot] = oldNumbers[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
