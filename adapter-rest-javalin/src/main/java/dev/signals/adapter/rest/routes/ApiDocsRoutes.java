package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /docs}, no authentication: Swagger UI on {@link OpenApiRoutes#PATH}, where a person can read the
 * API and try it with their own credentials ("Authorize": API key and secret, or the admin token). Every file
 * comes from this service: the page and its initializer from this adapter, Swagger UI's script, styles and
 * icons from its WebJar on the class path; nothing from a CDN. Only those files are served; any other path
 * under {@code /docs} is a 404 in the envelope. The page may load scripts, styles and data only from this
 * service (Content-Security-Policy), and no other site may frame it.
 */
public final class ApiDocsRoutes implements Routes {

    static final String PATH = "/docs";

    private static final String OWN_FILES = "/dev/signals/adapter/rest/docs/";
    private static final String WEBJAR_FILES = "/META-INF/resources/webjars/swagger-ui/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String PNG = "image/png";

    /**
     * Swagger UI sets inline styles and shows SVG icons as data: URLs; everything else is this service's own.
     * It calls nothing but this service (connect-src), so "Try it out" reaches only this API.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private final ServedFile page;
    private final Map<String, ServedFile> files;

    private ApiDocsRoutes(ServedFile page, Map<String, ServedFile> files) {
        this.page = page;
        this.files = Map.copyOf(files);
    }

    public static ApiDocsRoutes load() {
        String webjar = WEBJAR_FILES + DocsVersions.load().swaggerUi() + "/";
        ServedFile page = ServedFile.fromClasspath(OWN_FILES + "index.html", HTML, PAGE_HEADERS);
        Map<String, ServedFile> files = new LinkedHashMap<>();
        files.put("index.html", page);
        files.put("swagger-initializer.js", ServedFile.fromClasspath(OWN_FILES + "swagger-initializer.js", JAVASCRIPT, PAGE_HEADERS));
        files.put("swagger-ui-bundle.js", ServedFile.fromClasspath(webjar + "swagger-ui-bundle.js", JAVASCRIPT, PAGE_HEADERS));
        files.put("swagger-ui.css", ServedFile.fromClasspath(webjar + "swagger-ui.css", CSS, PAGE_HEADERS));
        files.put("index.css", ServedFile.fromClasspath(webjar + "index.css", CSS, PAGE_HEADERS));
        files.put("favicon-16x16.png", ServedFile.fromClasspath(webjar + "favicon-16x16.png", PNG, PAGE_HEADERS));
        files.put("favicon-32x32.png", ServedFile.fromClasspath(webjar + "favicon-32x32.png", PNG, PAGE_HEADERS));
        return new ApiDocsRoutes(page, files);
    }

    @Override
    public void addTo(Javalin app) {
        app.get(PATH, page::send);
        app.get(PATH + "/{file}", this::file);
    }

    private void file(Context ctx) {
        ServedFile file = files.get(ctx.pathParam("file"));
        if (file == null) {
            throw ApiException.missingResource("No resource at " + ctx.path());
        }
        file.send(ctx);
    }
}
