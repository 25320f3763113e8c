package dev.signals.bootstrap.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}). A hostile client is
 * not bound by what {@link java.net.http.HttpClient} lets through: this one sends header values as raw bytes
 * (UTF-8, Latin-1, not base64, many kilobytes), bodies of invalid UTF-8, and request targets exactly as
 * given. The body is written on another thread while the answer is read, so a server that answers (413)
 * before it has read a large body gets its answer read all the same.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fuzz-request-writer");
        thread.setDaemon(true);
        return thread;
    });

    private RawHttp() {
    }

    /** One header as sent: a name and the exact bytes of its value. */
    record Header(String name, byte[] value) {

        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + ": " + printable(value, 200);
        }
    }

    /**
     * A request: the target is sent as it is ({@code /v1/alpha/signals?size=%zz}); a null body sends none. A
     * request with {@code verbatim} bytes sends exactly those and nothing else, for a message that is not
     * even HTTP's grammar; its other fields only describe it.
     */
    record Request(String method, String target, List<Header> headers, byte[] body, boolean chunked, byte[] verbatim) {

        Request {
            headers = List.copyOf(headers);
        }

        Request(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
            this(method, target, headers, body, chunked, null);
        }

        static Request of(String method, String target, List<Header> headers, byte[] body) {
            return new Request(method, target, headers, body, false);
        }

        /** Exactly these bytes on the wire; {@code description} says what they are. */
        static Request verbatim(String description, byte[] bytes) {
            return new Request("RAW", description, List.of(), null, false, bytes);
        }

        Request withHeader(Header header) {
            List<Header> all = new ArrayList<>(headers);
            all.add(header);
            return new Request(method, target, all, body, chunked);
        }

        Request chunked(boolean chunked) {
            return new Request(method, target, headers, body, chunked);
        }

        /** What a failure report shows: the request line, the headers and the start of the body, bytes escaped. */
        @Override
        public String toString() {
            if (verbatim != null) {
                return target + ", the bytes:\n  " + printable(verbatim, 2_500);
            }
            StringBuilder text = new StringBuilder(method).append(' ').append(printable(target.getBytes(StandardCharsets.UTF_8), 600));
            headers.forEach(header -> text.append("\n  ").append(header));
            if (body != null) {
                text.append("\n  [").append(chunked ? "chunked, " : "").append(body.length).append(" bytes] ")
                        .append(printable(body, 1_500));
            }
            return text.toString();
        }
    }

    /** An answer: status, headers (names lower-cased, in order) and the body's bytes. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n  " + printable(body, 2_000);
        }
    }

    static Response send(int port, Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] head = request.verbatim() != null ? request.verbatim() : head(port, request);
            OutputStream out = socket.getOutputStream();
            Future<?> writing = WRITERS.submit(() -> {
                out.write(head);
                if (request.body() != null && request.verbatim() == null) {
                    out.write(request.chunked() ? chunks(request.body()) : request.body());
                }
                out.flush();
                // Nothing more will come: a server still waiting for a body it was promised sees the end at once.
                socket.shutdownOutput();
                return null;
            });
            byte[] raw = readAll(socket.getInputStream());
            try {
                writing.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // The server may answer and close before it has read the whole body (a 413): the answer counts.
            }
            if (raw.length == 0) {
                throw new AssertionError("The server closed the connection without answering:\n" + request);
            }
            return parse(raw, request);
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to:\n" + request, e);
        }
    }

    private static byte[] head(int port, Request request) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ascii(head, request.method() + " ");
        head.writeBytes(request.target().getBytes(StandardCharsets.UTF_8));
        ascii(head, " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        for (Header header : request.headers()) {
            ascii(head, header.name() + ": ");
            head.writeBytes(header.value());
            ascii(head, "\r\n");
        }
        if (request.body() != null) {
            ascii(head, request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.body().length + "\r\n");
        }
        ascii(head, "\r\n");
        return head.toByteArray();
    }

    /** The body in chunks of up to 4 KiB, as a client streaming it would send it. */
    private static byte[] chunks(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        for (int from = 0; from < body.length; from += 4096) {
            int length = Math.min(4096, body.length - from);
            ascii(out, Integer.toHexString(length) + "\r\n");
            out.write(body, from, length);
            ascii(out, "\r\n");
        }
        ascii(out, "0\r\n\r\n");
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            // A reset after the answer (the server closed with unread body bytes pending) ends the answer.
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static Response parse(byte[] raw, Request request) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new AssertionError("An answer without the end of its headers:\n  " + printable(raw, 2_000) + "\nto:\n" + request);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new AssertionError("Not an HTTP status line: " + lines[0] + "\nto:\n" + request);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
            body = unchunk(body);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").get(0));
            if (length > body.length) {
                throw new AssertionError("The answer ended after " + body.length + " of its " + length + " bytes:\n  "
                        + printable(raw, 2_000) + "\nto:\n" + request);
            }
            body = Arrays.copyOf(body, length);
        }
        return new Response(status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, position);
            if (lineEnd < 0) {
                throw new AssertionError("A chunked answer broke off: " + printable(chunked, 2_000));
            }
            String size = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, length);
            position = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Bytes for a report: printable ASCII as it is, everything else as \xNN; cut after {@code max} bytes. */
    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(bytes.length, max);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format(Locale.ROOT, "\\x%02X", b));
            }
        }
        if (bytes.length > shown) {
            text.append("… (").append(bytes.length - shown).append(" more bytes)");
        }
        return text.toString();
    }
}
