package dev.signals.adapter.rest.filters;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.json.JsonMapping;
import dev.signals.adapter.rest.routes.AdminRoutes;
import dev.signals.adapter.rest.routes.CatalogueRoutes;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static dev.signals.adapter.rest.InMemoryApplication.ACME;
import static dev.signals.adapter.rest.InMemoryApplication.ACME_SECRET;
import static dev.signals.adapter.rest.InMemoryApplication.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void aClientCallWithoutCredentialsIs401InvalidCredentialsWithABasicChallenge() {
        TestApp.test(application, api -> {
            Answer answer = api.authorizedBy(null).get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("INVALID_CREDENTIALS");
            assertThat(answer.wwwAuthenticate()).startsWith("Basic ");
            assertThat(answer.data().isObject()).isTrue();
            assertThat(answer.data().size()).isZero();
            assertThat(answer.json().get("requestId").asText()).isEqualTo(answer.requestId());
        });
    }

    @Test
    void malformedBasicCredentialsAre401InvalidCredentials() {
        String noColon = Base64.getEncoder().encodeToString(ACME.apiKey().getBytes(StandardCharsets.UTF_8));
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, ':', 'x'});
        TestApp.test(application, api -> {
            for (String header : new String[]{"Basic not*base64!", "Basic " + noColon, "Basic " + notUtf8, "Basic",
                    "Digest " + noColon, "Bearer " + ADMIN_TOKEN, ACME.apiKey() + ":" + ACME_SECRET}) {
                Answer answer = api.authorizedBy(header).get("/v1/catalog");
                assertThat(answer.status()).as(header).isEqualTo(401);
                assertThat(answer.code()).as(header).isEqualTo("INVALID_CREDENTIALS");
                assertThat(answer.wwwAuthenticate()).as(header).startsWith("Basic ");
                assertThat(answer.text()).as(header).doesNotContain(ACME.apiKey()).doesNotContain(ACME_SECRET).doesNotContain(ADMIN_TOKEN);
            }
        });
    }

    @Test
    void aWrongSecretOrUnknownKeyIs401WithoutRepeatingEither() {
        TestApp.test(application, api -> {
            for (String header : new String[]{ApiClient.basic(ACME.apiKey(), "guessed-secret"),
                    ApiClient.basic("key_unknown_0000000", ACME_SECRET)}) {
                Answer answer = api.authorizedBy(header).get("/v1/catalog");
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.code()).isEqualTo("INVALID_CREDENTIALS");
                assertThat(answer.text()).doesNotContain("guessed-secret").doesNotContain("key_unknown").doesNotContain(ACME_SECRET);
            }
        });
    }

    @Test
    void rightBasicCredentialsPassWithTheSchemeInAnyCase() {
        TestApp.test(application, api -> {
            assertThat(api.get("/v1/catalog").status()).isEqualTo(200);
            String lowerCase = ApiClient.basic(ACME.apiKey(), ACME_SECRET).replace("Basic ", "basic ");
            assertThat(api.authorizedBy(lowerCase).get("/v1/catalog").status()).isEqualTo(200);
        });
    }

    @Test
    void anAdminCallWithoutOrWithAWrongTokenIs401InvalidToken() {
        TestApp.test(application, api -> {
            for (String header : new String[]{null, "Bearer wrong-token", "Bearer ", "Token " + ADMIN_TOKEN}) {
                Answer answer = api.authorizedBy(header).get("/v1/admin/accounts/acc-acme/selection");
                assertThat(answer.status()).as(String.valueOf(header)).isEqualTo(401);
                assertThat(answer.code()).as(String.valueOf(header)).isEqualTo("INVALID_TOKEN");
                assertThat(answer.text()).doesNotContain("wrong-token");
            }
        });
    }

    @Test
    void clientBasicCredentialsDoNotOpenTheAdminApi() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/admin/accounts", "{\"name\": \"Mallory\", \"institutionId\": \"mallory\"}");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("INVALID_TOKEN");
        });
    }

    @Test
    void theAdminTokenOpensTheAdminApi() {
        TestApp.test(application, api -> {
            assertThat(api.asAdmin().get("/v1/admin/accounts/acc-acme/selection").status()).isEqualTo(200);
        });
    }

    @Test
    void healthNeedsNoCredentials() {
        TestApp.test(application, api -> assertThat(api.authorizedBy(null).get("/health").status()).isEqualTo(200));
    }

    @Test
    void handlersRefuseCallsThatNoAuthenticationCheckedFailingClosed() {
        ObjectMapper mapper = JsonMapping.objectMapper();
        Responses responses = new Responses(mapper);
        JsonBodies bodies = new JsonBodies(mapper);
        Set<Routes> withoutAuthentication = Set.of(
                new CatalogueRoutes(application, responses),
                new AdminRoutes(application, application, application, bodies, responses));
        JavalinTest.test(TestApp.serving(withoutAuthentication), (server, client) -> {
            ApiClient api = new ApiClient(client);
            Answer client401 = api.get("/v1/catalog");
            assertThat(client401.status()).isEqualTo(401);
            assertThat(client401.code()).isEqualTo("INVALID_CREDENTIALS");
            Answer admin401 = api.asAdmin().get("/v1/admin/accounts/acc-acme/selection");
            assertThat(admin401.status()).isEqualTo(401);
            assertThat(admin401.code()).isEqualTo("INVALID_TOKEN");
        });
    }
}
