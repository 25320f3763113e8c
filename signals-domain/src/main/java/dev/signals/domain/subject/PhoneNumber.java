package dev.signals.domain.subject;

import dev.signals.domain.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form: {@code +}, then 8 to 15 digits, the first not 0 (CONTRACT §2.1).
 * The domain checks only this shape; the application validates and normalises real numbers with a
 * phone-number library and creates this value. {@link #toString()} is masked so the number never
 * lands in a log by accident.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new InvalidValueException("phone",
                    "phone must be in E.164 form: '+' and 8 to 15 digits, the first not 0");
        }
    }

    /** The hex MD5 of the E.164 form with its {@code +}: {@code md5("+639171234567")}. */
    public String md5WithPlus() {
        return Md5Hash.digestOf(e164).hex();
    }

    /** The hex MD5 of the E.164 digits without {@code +}: {@code md5("639171234567")}. */
    public String md5WithoutPlus() {
        return Md5Hash.digestOf(e164.substring(1)).hex();
    }

    /**
     * The number with all but its first digits (at most five) and last two masked, always at
     * least four masked: {@code +63917*****67}.
     */
    public String masked() {
        int digits = e164.length() - 1;
        int shown = Math.min(5, digits - 6);
        return e164.substring(0, 1 + shown) + "*".repeat(digits - shown - 2) + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return "PhoneNumber[" + masked() + "]";
    }
}
