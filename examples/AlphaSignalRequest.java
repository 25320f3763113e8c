import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Asks Signals for the signals about a phone number, with the borrower's consent, using nothing but
 * the JDK: POST /v1/alpha/signals with HTTP Basic credentials. Prints the HTTP status and the answer.
 *
 * BASE=http://localhost:7070 API_KEY=... API_SECRET=... java examples/AlphaSignalRequest.java +639171234567
 */
public class AlphaSignalRequest {

    public static void main(String[] args) throws Exception {
        String base = System.getenv().getOrDefault("BASE", "http://localhost:7070");
        String credentials = System.getenv("API_KEY") + ":" + System.getenv("API_SECRET");
        String phone = args.length > 0 ? args[0] : "+639171234567";
        String body = """
                {"phone": "%s",
                 "consent": {"type": "[Motor Loans] Terms & Conditions", "version": "2024-08",
                             "consentedWith": "I agree to ABC Company's Terms & Conditions",
                             "consentedAt": "2024-08-08T16:06:00Z"}}
                """.formatted(phone);

        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/alpha/signals"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // {"code": "OK", ..., "data": {"id": "signal-...", "status": "COMPLETED", "result": {...}}}
        System.out.println(response.statusCode());
        System.out.println(response.body());
        if (response.statusCode() != 200) {
            System.exit(1);
        }
    }
}
