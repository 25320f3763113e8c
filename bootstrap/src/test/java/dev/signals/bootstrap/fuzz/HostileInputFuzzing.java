package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import dev.signals.bootstrap.fuzz.RawHttp.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the real HTTP stack of the assembled service (issue 6): each subclass fuzzes one group of
 * endpoints or one part of the transport, all of them the one {@link FuzzedService}. Every answer must be a 4xx,
 * or a 2xx where the input happens to be valid, always in the contract's envelope and without the server's insides
 * ({@link ContractAnswers}); after each property the service still answers {@code GET /health}. Most tries carry a
 * real account's credentials, so that they reach the handlers. A failure names the exact request, the answer and
 * what the server logged for it.
 *
 * <p>A subclass ends with what the fuzzing found there, each as the smallest request that shows it: the properties
 * meet these only at random; the examples meet them on every run, one root cause each, and pass once the service
 * answers as the contract says.
 */
abstract class HostileInputFuzzing {

    static final String ADMIN_TOKEN = FuzzedService.ADMIN_TOKEN;
    static final String OWN_TEMPLATE = FuzzedService.OWN_TEMPLATE;
    static final int TRIES = 200;

    static ContractAnswers answers;
    static int port;
    static String lenderAccountId;
    static String lenderAuthorization;
    static String otherAccountId;
    static String consentTemplateId;
    static String otherConsentTemplateId;
    static String signalId;
    static String otherSignalId;
    static String cursor;

    @BeforeContainer
    static void aimAtTheFuzzedService() throws Exception {
        FuzzedService service = FuzzedService.shared();
        answers = service.answers;
        port = service.port;
        lenderAccountId = service.lenderAccountId;
        lenderAuthorization = service.lenderAuthorization;
        otherAccountId = service.otherAccountId;
        consentTemplateId = service.consentTemplateId;
        otherConsentTemplateId = service.otherConsentTemplateId;
        signalId = service.signalId;
        otherSignalId = service.otherSignalId;
        cursor = service.cursor;
    }

    /** The service keeps answering whatever the property sent it. */
    @AfterProperty
    void serviceStillAnswers() {
        ContractAnswers.Checked checked = answers.sendForAnswer(port, Request.of("GET", "/health", List.of(), null));
        Response answer = checked.response();
        JsonNode envelope = checked.envelope();
        assertThat(answer.status()).as("GET /health after the property: %s", answer).isEqualTo(200);
        assertThat(envelope.path("data").path("status").asText()).isEqualTo("UP");
    }

    /** Hostile JSON bodies to the paths, authenticated; the Content-Type is JSON or left out, the body now and then chunked. */
    static Arbitrary<Request> jsonRequests(String method, Arbitrary<String> paths, String authorization, Arbitrary<byte[]> bodies) {
        Arbitrary<String> types = Arbitraries.frequencyOf(Tuple.of(16, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.just("application/json; charset=utf-8")), Tuple.of(1, Arbitraries.just("")));
        return Combinators.combine(paths, bodies, types, Arbitraries.integers().between(0, 9))
                .as((path, body, type, shape) -> {
                    List<Header> headers = new ArrayList<>(List.of(Header.of("Authorization", authorization)));
                    if (!type.isEmpty()) {
                        headers.add(Header.of("Content-Type", type));
                    }
                    return Request.of(method, path, headers, body).chunked(shape == 9);
                });
    }

    static Request jsonPost(String path, String authorization, String body) {
        return Request.of("POST", path, List.of(Header.of("Authorization", authorization), Header.of("Content-Type", "application/json")),
                Bodies.utf8(body));
    }

    static JsonNode sendAndCheck(Request request) {
        ContractAnswers.Checked checked = answers.sendForAnswer(port, request);
        Statistics.collect(checked.response().status(), checked.envelope().path("code").asText());
        return checked.envelope();
    }

    static String admin() {
        return FuzzedService.admin();
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
