package dev.signals.domain.request;

import dev.signals.domain.consent.Consent;
import java.util.Objects;

/**
 * What the client sent with a signal request, echoed back as {@code requestMeta}
 * (CONTRACT §2.3): the phone and e-mail exactly as sent (not normalised), the country code, the
 * template id (null for alpha or when absent) and the consent. {@link #toString()} masks the
 * phone and e-mail.
 */
public record RequestMeta(String phone, String countryCode, String emailAddress, String templateId, Consent consent) {

    public RequestMeta {
        Objects.requireNonNull(consent, "consent");
    }

    @Override
    public String toString() {
        return "RequestMeta[phone=" + mask(phone) + ", countryCode=" + countryCode + ", emailAddress="
                + mask(emailAddress) + ", templateId=" + templateId + ", consent=" + consent + "]";
    }

    private static String mask(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 4 ? "****" : value.substring(0, 3) + "****" + value.substring(value.length() - 1);
    }
}
