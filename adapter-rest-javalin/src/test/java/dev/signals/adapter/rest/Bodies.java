package dev.signals.adapter.rest;

/** Request bodies the tests send, as a client writes them. */
public final class Bodies {

    public static final String CONSENT = """
            {"type": "[Motor Loans] Terms & Conditions", "version": "2024-08",
             "consentedWith": "I agree to ABC Company's Terms & Conditions", "consentedAt": "2024-08-08T16:06:00Z"}""";

    private Bodies() {
    }

    public static String phoneRequest(String phone) {
        return "{\"phone\": \"" + phone + "\", \"consent\": " + CONSENT + "}";
    }

    public static String betaRequest(String phone, String templateId) {
        return "{\"phone\": \"" + phone + "\", \"templateId\": \"" + templateId + "\", \"consent\": " + CONSENT + "}";
    }

    public static String consentTemplate(String consentType) {
        return """
                {"consentType": "%s", "title": "Motor loans", "version": "2024-08",
                 "consentMethod": "checkbox", "consentText": "I agree to the processing of my data."}""".formatted(consentType);
    }
}
