package dev.signals.adapter.rest.routes;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A file the service serves as it is, outside the envelope ({@code /openapi.json}, the pages of {@code /docs}),
 * held in memory. Browsers revalidate it each time ({@code Cache-Control: no-cache}) and get a 304 while its
 * {@code ETag} still matches, so a new version of the service is never shown with old files.
 */
final class ServedFile {

    private final byte[] bytes;
    private final String contentType;
    private final String etag;
    private final Map<String, String> headers;

    ServedFile(byte[] bytes, String contentType, Map<String, String> headers) {
        this.bytes = bytes.clone();
        this.contentType = contentType;
        this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        this.headers = Map.copyOf(headers);
    }

    /** A file from the class path; a missing one is a packaging bug, reported at start, not at the first request. */
    static ServedFile fromClasspath(String resource, String contentType, Map<String, String> headers) {
        try (InputStream in = ServedFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The class path holds no " + resource);
            }
            return new ServedFile(in.readAllBytes(), contentType, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + resource + " from the class path failed", e);
        }
    }

    void send(Context ctx) {
        headers.forEach(ctx::header);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(contentType).result(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
