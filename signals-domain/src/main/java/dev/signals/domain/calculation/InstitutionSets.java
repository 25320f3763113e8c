package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.Window;
import java.util.Arrays;

/**
 * The institutions with an event, one set per event type and age bucket ({@link AgeBuckets}), for
 * "the number of distinct institutions among them" (CONTRACT §3.2). A set is a bit set over the
 * institutions' {@link InstitutionNumbers numbers}, so the institutions of a window are the union of
 * its buckets' sets, counted with a bit count. Institutions 0 to 63, all of most histories', are the
 * bits of one long per slot; the others are bits of further words, made when first needed.
 */
final class InstitutionSets {

    /** Per slot, bit n for institution n, 0 to 63. */
    private final long[] first = new long[AgeBuckets.SLOTS];
    /** Word w of every slot's set, for institutions {@code 64w} to {@code 64w + 63}, at {@code (w - 1) * SLOTS + slot}. */
    private long[] further = new long[0];

    /** Adds an institution (its number) to the set of the type's (its ordinal's) bucket. */
    void add(int type, int bucket, int institution) {
        if (institution < Long.SIZE) {
            first[AgeBuckets.slot(type, bucket)] |= 1L << institution;
        } else {
            addFurther(AgeBuckets.slot(type, bucket), institution);
        }
    }

    /** The number of distinct institutions added in the window's buckets. */
    int count(int type, Window window) {
        int count = Long.bitCount(inWindow(first, 0, type, window));
        for (int word = 0; word < further.length; word += AgeBuckets.SLOTS) {
            count += Long.bitCount(inWindow(further, word, type, window));
        }
        return count;
    }

    private void addFurther(int slot, int institution) {
        int at = (institution / Long.SIZE - 1) * AgeBuckets.SLOTS + slot;
        if (at >= further.length) {
            further = Arrays.copyOf(further, Math.max(further.length * 2, at - slot + AgeBuckets.SLOTS));
        }
        further[at] |= 1L << institution;
    }

    /** The union of the sets of the window's buckets, in the word of {@code words} that starts at {@code word}. */
    private static long inWindow(long[] words, int word, int type, Window window) {
        long union = 0;
        for (int bucket = 0; bucket <= AgeBuckets.last(window); bucket++) {
            union |= words[word + AgeBuckets.slot(type, bucket)];
        }
        return union;
    }
}
