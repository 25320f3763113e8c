package dev.signals.domain;

/**
 * Small checks on client text shared by the value objects. Lengths count characters as a reader
 * does (Unicode code points), not UTF-16 units.
 */
public final class Text {

    private Text() {
    }

    /** The number of Unicode code points in {@code value}. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** True when {@code value} is null or holds only whitespace. */
    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Requires a non-blank value of at most {@code max} characters.
     *
     * @throws InvalidValueException naming {@code field} when the value is missing, blank or too long
     */
    public static String required(String field, String value, int max) {
        if (isBlank(value)) {
            throw new InvalidValueException(field, field + " is required and may not be blank");
        }
        return bounded(field, value, max);
    }

    /**
     * Accepts null, otherwise requires at most {@code max} characters.
     *
     * @throws InvalidValueException naming {@code field} when the value is too long
     */
    public static String optional(String field, String value, int max) {
        return value == null ? null : bounded(field, value, max);
    }

    private static String bounded(String field, String value, int max) {
        int length = length(value);
        if (length > max) {
            throw new InvalidValueException(field,
                    field + " may have at most " + max + " characters, had " + length);
        }
        return value;
    }
}
