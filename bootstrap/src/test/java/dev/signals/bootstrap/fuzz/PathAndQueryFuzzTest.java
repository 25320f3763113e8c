package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.List;

import static dev.signals.bootstrap.fuzz.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile query strings of the lists and ids in paths, another account's among them. */
class PathAndQueryFuzzTest extends HostileInputFuzzing {

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void garbageListQueries(@ForAll("listQueryRequests") Request request) {
        JsonNode envelope = sendAndCheck(request);
        if (envelope.path("code").asText().equals("OK")) {
            JsonNode data = envelope.path("data");
            assertThat(data.path("items").isArray()).as("%s", data).isTrue();
            assertThat(data.path("nextCursor").isNull() || data.path("nextCursor").isTextual()).as("%s", data).isTrue();
        }
    }

    @Provide
    Arbitrary<Request> listQueryRequests() {
        Arbitrary<String> paths = Arbitraries.of("/v1/alpha/signals", "/v1/beta/signals", "/v1/consentTemplates");
        Arbitrary<String> parameter = Combinators.combine(Arbitraries.of("size", "cursor", "startDate", "endDate", "phone",
                        "signalId", "SIZE", "", "size[]", "%73ize", "unknown"), Queries.values(cursor, signalId, otherSignalId),
                        Arbitraries.integers().between(0, 9))
                .as(Queries::parameter);
        return Combinators.combine(paths, parameter.list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(0, 9))
                .as((path, parameters, shape) -> Request.of("GET", path + "?" + String.join(shape == 0 ? ";" : "&", parameters),
                        List.of(Header.of("Authorization", lenderAuthorization)), null))
                // Within the 8 KiB a request line may take; longer ones are the malformed-HTTP property's.
                .filter(request -> request.target().length() <= 7_000);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void garbagePathIds(@ForAll("pathIdRequests") Request request) {
        JsonNode envelope = sendAndCheck(request);
        // Client paths only: the admin may reach every account, and there such a string is just a malformed template id.
        if (!request.target().startsWith("/v1/admin/")
                && (request.target().contains(otherSignalId) || request.target().contains(otherConsentTemplateId))) {
            // Never shown nor changed: 404 as for an unknown id (405 where the path takes no such method at all; 400
            // where the query string holds a broken %-escape, which is refused before any id is looked at).
            int query = request.target().indexOf('?');
            boolean brokenQuery = query >= 0 && request.target().substring(query).matches(".*%(?![0-9A-Fa-f]{2}).*");
            assertThat(envelope.path("code").asText()).as("another account's resource: %s", request)
                    .isIn(brokenQuery ? List.of("INVALID_PARAMETERS") : List.of("MISSING_RESOURCE", "UNSUPPORTED_METHOD"));
        }
    }

    @Provide
    Arbitrary<Request> pathIdRequests() {
        Json selection = obj("signals", Json.strings(List.of("events_marketing_day30")));
        Json template = obj("signals", Json.strings(List.of("events_marketing_day30")), "amountFormat", "NUMBER");
        List<PathTemplate> templates = List.of(
                new PathTemplate("GET", "/v1/alpha/signals/%s", lenderAuthorization, null),
                new PathTemplate("GET", "/v1/beta/signals/%s", lenderAuthorization, null),
                new PathTemplate("DELETE", "/v1/consentTemplates/%s", lenderAuthorization, null),
                new PathTemplate("GET", "/v1/consentTemplates/%s", lenderAuthorization, null),
                new PathTemplate("GET", "/v1/admin/accounts/%s/selection", admin(), null),
                new PathTemplate("PUT", "/v1/admin/accounts/%s/selection", admin(), selection),
                new PathTemplate("GET", "/v1/admin/accounts/%s/templates", admin(), null),
                new PathTemplate("PUT", "/v1/admin/accounts/%s/templates/tpl-path", admin(), template),
                new PathTemplate("PUT", "/v1/admin/accounts/" + lenderAccountId + "/templates/%s", admin(), template));
        Arbitrary<String> ids = Queries.pathIds(List.of(signalId, otherSignalId, otherConsentTemplateId, lenderAccountId,
                otherAccountId, OWN_TEMPLATE, "tpl-sgn003001"));
        return Combinators.combine(Arbitraries.of(templates), ids).as((t, id) -> {
            List<Header> headers = new ArrayList<>(List.of(Header.of("Authorization", t.authorization())));
            if (t.body() != null) {
                headers.add(Header.of("Content-Type", "application/json"));
            }
            return Request.of(t.method(), t.path().formatted(id), headers, t.body() == null ? null : t.body().bytes());
        });
    }

    record PathTemplate(String method, String path, String authorization, Json body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    // --- what the fuzzing found here, each as the smallest request that shows it (see HostileInputFuzzing)

    @Example
    void anEndDateOnTheLastDayJavaKnowsIsA400() {
        Request request = Request.of("GET", "/v1/alpha/signals?endDate=%2B999999999-12-31",
                List.of(Header.of("Authorization", lenderAuthorization)), null);

        assertThat(sendAndCheck(request).path("code").asText()).isEqualTo("INVALID_PARAMETERS");
    }

    @Example
    void aPercentUEscapeInAPathIdIsA4xx() {
        sendAndCheck(Request.of("GET", "/v1/alpha/signals/%u0041", List.of(Header.of("Authorization", lenderAuthorization)), null));
    }
}
