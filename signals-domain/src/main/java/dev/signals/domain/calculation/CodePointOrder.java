package dev.signals.domain.calculation;

import java.util.Comparator;

/**
 * Ids in the order of their Unicode code points, the order in which the contract breaks ties between events ("then
 * eventId") and numbers institutions. It differs from {@link String#compareTo}, which compares UTF-16 units, only
 * where a character outside the Basic Multilingual Plane meets one from U+E000 to U+FFFF. Compares without
 * allocating, since explanations order hundreds of events by it.
 */
final class CodePointOrder implements Comparator<String> {

    static final CodePointOrder IDS = new CodePointOrder();

    private CodePointOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
