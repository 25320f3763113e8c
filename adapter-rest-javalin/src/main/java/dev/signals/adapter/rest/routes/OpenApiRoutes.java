package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /openapi.json}, no authentication: the OpenAPI 3.1 document of the whole contract, the adapter's
 * resource {@code dev/signals/adapter/rest/openapi.json}, with {@code info.version} set to the service's version. It is the
 * document itself, not wrapped in the envelope, so that any OpenAPI tool (and {@code /docs}) reads it as it is.
 * The bootstrap module's conformance test holds every answer of the service to it.
 */
public final class OpenApiRoutes implements Routes {

    static final String PATH = "/openapi.json";
    private static final String RESOURCE = "/dev/signals/adapter/rest/openapi.json";

    private final ServedFile document;

    private OpenApiRoutes(ServedFile document) {
        this.document = document;
    }

    public static OpenApiRoutes load(ObjectMapper mapper) {
        JsonNode document;
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The class path holds no " + RESOURCE);
            }
            document = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + RESOURCE + " failed", e);
        }
        ((ObjectNode) document.path("info")).put("version", DocsVersions.load().signals());
        try {
            return new OpenApiRoutes(new ServedFile(mapper.writeValueAsBytes(document), Responses.JSON, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the OpenAPI document failed", e);
        }
    }

    @Override
    public void addTo(Javalin app) {
        app.get(PATH, document::send);
    }
}
