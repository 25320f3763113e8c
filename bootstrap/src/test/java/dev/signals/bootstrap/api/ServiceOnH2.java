package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The whole service on a fresh in-memory H2 database and a temporary data directory, on a free port, for
 * an end-to-end test class: started in its {@code @BeforeAll}, closed in its {@code @AfterAll}.
 */
final class ServiceOnH2 implements AutoCloseable {

    private final TestDatabases.TestDatabase database;
    private final SignalsService service;
    private final String adminToken;

    private ServiceOnH2(TestDatabases.TestDatabase database, SignalsService service, String adminToken) {
        this.database = database;
        this.service = service;
        this.adminToken = adminToken;
    }

    static ServiceOnH2 start(String adminToken) throws IOException {
        TestDatabases.TestDatabase database = TestDatabases.h2();
        SignalsService service = SignalsService.start(new SignalsConfig(0, Files.createTempDirectory("signals-test"),
                database.settings(), adminToken));
        return new ServiceOnH2(database, service, adminToken);
    }

    SignalsService service() {
        return service;
    }

    int port() {
        return service.port();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + service.port();
    }

    ApiClient anonymous() {
        return ApiClient.anonymous(service.port());
    }

    ApiClient admin() {
        return anonymous().bearer(adminToken);
    }

    /** Creates an account through the admin API; its {@code data}: id, apiKey, apiSecret, ... */
    JsonNode createAccount(String name, String institutionId) {
        return admin().post("/v1/admin/accounts", Map.of("name", name, "institutionId", institutionId)).data();
    }

    /** A client with the credentials of {@code account} as {@link #createAccount} answered it. */
    ApiClient client(JsonNode account) {
        return anonymous().basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            database.close();
        }
    }
}
