package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import dev.signals.bootstrap.fuzz.RawHttp.Response;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.signals.bootstrap.fuzz.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembled service (H2) that every fuzz class sends its hostile input to: started once, by the first of
 * them to run, and shared by all, as when they were one class; stopped when the test JVM exits. It is set up with
 * what the input aims at: a lender and another account, a consent template and signal requests of each, a beta
 * template of the lender's and a cursor of its signal requests.
 */
final class FuzzedService {

    static final String ADMIN_TOKEN = "admin-token-for-the-fuzz-test-0123456789";
    static final String OWN_TEMPLATE = "tpl-fuzz";

    private static FuzzedService shared;

    private final ServerLog serverLog;
    private final TestDatabases.TestDatabase database;
    private SignalsService service;

    final ContractAnswers answers;
    int port;
    String lenderAccountId;
    String lenderAuthorization;
    String otherAccountId;
    String consentTemplateId;
    String otherConsentTemplateId;
    String signalId;
    String otherSignalId;
    String cursor;

    /** The service, started and set up on the first call. */
    static synchronized FuzzedService shared() throws Exception {
        if (shared == null) {
            FuzzedService started = new FuzzedService();
            try {
                started.start();
            } catch (Exception | AssertionError e) {
                started.stop();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "fuzzed-service-stop"));
            shared = started;
        }
        return shared;
    }

    private FuzzedService() {
        serverLog = ServerLog.attach();
        answers = new ContractAnswers(serverLog);
        database = TestDatabases.h2();
    }

    private void start() throws Exception {
        // No request rate limit: the fuzz test is about input, and sends thousands of requests from one account.
        service = SignalsService.start(new SignalsConfig(0, Files.createTempDirectory("signals-fuzz"), database.settings(), ADMIN_TOKEN)
                .withRest(new dev.signals.adapter.rest.RestSettings(0, 1, 1_000_000, java.time.Duration.ofMinutes(1), 64, 512)));
        port = service.port();

        JsonNode lender = setUp("POST", "/v1/admin/accounts", admin(), obj("name", "Fuzz Lending", "institutionId", "lender"), 201);
        lenderAccountId = lender.path("id").asText();
        lenderAuthorization = basic(lender.path("apiKey").asText(), lender.path("apiSecret").asText());
        JsonNode other = setUp("POST", "/v1/admin/accounts", admin(), obj("name", "Other Lending", "institutionId", "other"), 201);
        otherAccountId = other.path("id").asText();
        String otherAuthorization = basic(other.path("apiKey").asText(), other.path("apiSecret").asText());

        Json template = obj("consentType", "Motor", "version", "1", "consentText", "I agree");
        consentTemplateId = setUp("POST", "/v1/consentTemplates", lenderAuthorization, template, 201).path("id").asText();
        otherConsentTemplateId = setUp("POST", "/v1/consentTemplates", otherAuthorization, template, 201).path("id").asText();
        setUp("PUT", "/v1/admin/accounts/" + lenderAccountId + "/templates/" + OWN_TEMPLATE, admin(),
                obj("signals", Json.strings(List.of("events_overdue_day30_amount", "events_debt_day90_amount", "events_overdue_day30")), "amountFormat", "BAND"), 200);
        Json signalRequest = obj("phone", Hostile.E164, "consent", Bodies.consent());
        setUp("POST", "/v1/alpha/signals", lenderAuthorization, signalRequest, 200);
        signalId = setUp("POST", "/v1/alpha/signals", lenderAuthorization, signalRequest, 200).path("id").asText();
        otherSignalId = setUp("POST", "/v1/alpha/signals", otherAuthorization, signalRequest, 200).path("id").asText();
        cursor = setUp("GET", "/v1/alpha/signals?size=1", lenderAuthorization, null, 200).path("nextCursor").asText();
    }

    private void stop() {
        if (service != null) {
            service.close();
        }
        database.close();
        serverLog.detach();
    }

    private JsonNode setUp(String method, String path, String authorization, Json body, int status) {
        List<Header> headers = new ArrayList<>(List.of(Header.of("Authorization", authorization)));
        if (body != null) {
            headers.add(Header.of("Content-Type", "application/json"));
        }
        Request request = Request.of(method, path, headers, body == null ? null : body.bytes());
        ContractAnswers.Checked checked = answers.sendForAnswer(port, request);
        Response answer = checked.response();
        JsonNode envelope = checked.envelope();
        assertThat(answer.status()).as("set-up %s: %s", request, answer).isEqualTo(status);
        return envelope.path("data");
    }

    static String admin() {
        return "Bearer " + ADMIN_TOKEN;
    }

    private static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
