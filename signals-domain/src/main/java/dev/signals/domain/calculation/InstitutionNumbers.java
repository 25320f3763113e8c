package dev.signals.domain.calculation;

/**
 * Numbers the institutions of one history 0, 1, 2, ..., so that what is kept per institution can
 * live in an array and a set of institutions can be a bit set. A history's institution may be any
 * int ({@link EventHistory#institution}), but an index numbers a network's institutions densely from
 * 0: an institution numbered 0 to 63 keeps its number and costs nothing, and any other gets 64, 65,
 * ... in order of first appearance, through a hash table.
 */
final class InstitutionNumbers {

    /** The institutions numbered below this keep their number. */
    static final int KEPT = Long.SIZE;
    private static final int INITIAL_SLOTS = 16;

    /** Open addressing: per slot, an institution and its number + 1 (0 for a free slot). */
    private int[] institutions = new int[INITIAL_SLOTS];
    private int[] numbers = new int[INITIAL_SLOTS];
    private int others;

    /** The institution's number, the same for the same institution. */
    int numberOf(int institution) {
        if (institution >= 0 && institution < KEPT) {
            return institution;
        }
        int slot = slotOf(institution, institutions, numbers);
        if (numbers[slot] == 0) {
            numbers[slot] = KEPT + ++others;
            institutions[slot] = institution;
            if (others * 2 > institutions.length) {
                grow();
            }
            return KEPT + others - 1;
        }
        return numbers[slot] - 1;
    }

    /** More than any number given so far: the length of an array with a place for each. */
    int bound() {
        return KEPT + others;
    }

    /** The slot that holds the institution, or the free slot where it belongs. */
    private static int slotOf(int institution, int[] institutions, int[] numbers) {
        int mask = institutions.length - 1;
        int slot = institution * 0x9E3779B9 >>> Integer.numberOfLeadingZeros(mask);
        while (numbers[slot] != 0 && institutions[slot] != institution) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldInstitutions = institutions;
        int[] oldNumbers = numbers;
        institutions = new int[oldInstitutions.length * 2];
        numbers = new int[oldInstitutions.length * 2];
        for (int old = 0; old < oldNumbers.length; old++) {
            if (oldNumbers[old] != 0) {
                int slot = slotOf(oldInstitutions[old], institutions, numbers);
                institutions[slot] = oldInstitutions[old];
                numbers[slot] = oldNumbers[old];
            }
        }
    }
}
