package dev.signals.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;

/** What every benchmark does around the service it measures: an account to call it with, a schema to drop after. */
public final class ServiceAccounts {

    /** An account the benchmark created: its id, and the {@code Authorization} header of its API key and secret. */
    public record Account(String id, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceAccounts() {
    }

    /** Creates the account of {@code institution} (its name too) through the admin API of the service on {@code port}. */
    public static Account create(HttpClient client, int port, String adminToken, String institution) throws Exception {
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/admin/accounts"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + institution + "\",\"institutionId\":\"" + institution + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating an account answered " + created.statusCode() + ": " + created.body());
        }
        JsonNode data = JSON.readTree(created.body()).get("data");
        String credentials = data.get("apiKey").asText() + ":" + data.get("apiSecret").asText();
        return new Account(data.get("id").asText(),
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Drops a PostgreSQL schema the benchmark made; a failure is printed, not thrown, as the figures are already out. */
    public static void dropSchema(String jdbcUrl, String schema) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
