package dev.signals.application.subject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads phone numbers as clients send them (CONTRACT §2.1, §4) and validates them with
 * libphonenumber: E.164 with {@code +} ({@code +639171234567}), the same digits without {@code +}
 * ({@code 639171234567}), or a national number with an ISO-3166 alpha-2 {@code countryCode}
 * ({@code 09171234567} + {@code PH}); spaces, dashes, dots and parentheses between digits are
 * ignored. Signal requests may also name the subject by the hex MD5 of its E.164 form, with or
 * without {@code +}. Thread-safe.
 */
public final class PhoneNumbers {

    private static final int MAX_INPUT_LENGTH = 64;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
    /** libphonenumber's region for "no default region: the number must carry its country code". */
    private static final String UNKNOWN_REGION = "ZZ";

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * The subject named by {@code phone}: a {@link PhoneHashSubject} for a 32-hex MD5 (either
     * case), a {@link PhoneSubject} with the E.164 number otherwise.
     *
     * @param countryCode optional ISO-3166 alpha-2 code for a national number
     * @throws InvalidValueException on {@code phone} or {@code countryCode}, saying what is wrong
     */
    public Subject parse(String phone, String countryCode) {
        String region = region(countryCode);
        String value = required(phone);
        if (Md5Hash.looksLikeMd5(value)) {
            return new PhoneHashSubject(new Md5Hash(value));
        }
        return new PhoneSubject(toE164(value, region));
    }

    /**
     * The E.164 form of a phone number; an MD5 hash is not accepted here (events carry numbers).
     *
     * @param countryCode optional ISO-3166 alpha-2 code for a national number
     * @throws InvalidValueException on {@code phone} or {@code countryCode}, saying what is wrong
     */
    public PhoneNumber normalise(String phone, String countryCode) {
        String region = region(countryCode);
        String value = required(phone);
        if (Md5Hash.looksLikeMd5(value)) {
            throw new InvalidValueException("phone",
                    "phone must be a phone number here; an MD5 hash is accepted only when requesting signals");
        }
        return toE164(value, region);
    }

    /**
     * The upper-cased ISO-3166 alpha-2 region, or null when {@code countryCode} is null or blank.
     *
     * @throws InvalidValueException on {@code countryCode} when the code is not a known region
     */
    public String region(String countryCode) {
        if (countryCode == null || countryCode.isBlank()) {
            return null;
        }
        String region = countryCode.strip().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new InvalidValueException("countryCode",
                    "countryCode must be an ISO-3166 alpha-2 country code such as PH, was '" + countryCode + "'");
        }
        return region;
    }

    private static String required(String phone) {
        if (phone == null || phone.isBlank()) {
            throw new InvalidValueException("phone", "phone is required and may not be blank");
        }
        String value = phone.strip();
        if (value.length() > MAX_INPUT_LENGTH) {
            throw new InvalidValueException("phone", "phone may have at most " + MAX_INPUT_LENGTH + " characters");
        }
        return value;
    }

    private PhoneNumber toE164(String value, String region) {
        String compact = SEPARATORS.matcher(value).replaceAll("");
        if (!DIGITS.matcher(compact).matches()) {
            throw new InvalidValueException("phone", "phone may contain only digits, a leading '+' and the separators"
                    + " space, '-', '.', '(' and ')'; letters are not accepted");
        }
        if (compact.startsWith("+")) {
            return validated(compact, UNKNOWN_REGION, null);
        }
        if (region == null) {
            return validated("+" + compact, UNKNOWN_REGION,
                    "; a number without '+' is read as international digits: give a national number with countryCode");
        }
        try {
            return validated(compact, region, " for country " + region);
        } catch (InvalidValueException nationalProblem) {
            try {
                return validated("+" + compact, UNKNOWN_REGION, null);
            } catch (InvalidValueException internationalProblem) {
                throw nationalProblem;
            }
        }
    }

    private PhoneNumber validated(String text, String region, String hint) {
        String suffix = hint == null ? "" : hint;
        Phonenumber.PhoneNumber number;
        try {
            number = util.parse(text, region);
        } catch (NumberParseException e) {
            throw new InvalidValueException("phone", switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "phone does not start with a known country calling code" + suffix;
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "phone is too short to be a phone number" + suffix;
                case TOO_LONG -> "phone is too long to be a phone number";
                case NOT_A_NUMBER -> "phone is not a phone number";
            });
        }
        if (util.isValidNumber(number)) {
            return new PhoneNumber(util.format(number, PhoneNumberFormat.E164));
        }
        String country = "+" + number.getCountryCode();
        throw new InvalidValueException("phone", switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY -> "phone is too short for a number of country code " + country + suffix;
            case TOO_LONG -> "phone is too long for a number of country code " + country + suffix;
            case INVALID_LENGTH -> "phone has a length no number of country code " + country + " has" + suffix;
            case INVALID_COUNTRY_CODE -> "phone does not start with a known country calling code" + suffix;
            case IS_POSSIBLE -> "phone is not a valid number of country code " + country
                    + ": no such number range exists" + suffix;
        });
    }
}
