package dev.signals.adapter.rest.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions the API documentation needs, written by the build into {@code docs/versions.properties}: the
 * service's own (the OpenAPI document's {@code info.version}) and the Swagger UI WebJar's (where its files are).
 */
record DocsVersions(String signals, String swaggerUi) {

    private static final String RESOURCE = "/dev/signals/adapter/rest/docs/versions.properties";

    static DocsVersions load() {
        Properties properties = new Properties();
        try (InputStream in = DocsVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The class path holds no " + RESOURCE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + RESOURCE + " failed", e);
        }
        return new DocsVersions(filled(properties, "signals.version"), filled(properties, "swagger-ui.version"));
    }

    private static String filled(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException(RESOURCE + " has no " + key + " filled in by the build (found " + value + ")");
        }
        return value.strip();
    }
}
