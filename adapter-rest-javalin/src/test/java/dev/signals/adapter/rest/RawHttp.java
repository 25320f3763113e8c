package dev.signals.adapter.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket with {@code Connection: close}, every byte of the answer kept as it
 * came: what a HEAD answer carries after its head is seen, which an HTTP client library would hide (it reads no body
 * after HEAD), and so are the headers it would rewrite (Content-Length, Content-Encoding).
 */
public final class RawHttp {

    private final URI origin;

    public RawHttp(String origin) {
        this.origin = URI.create(origin);
    }

    /** The answer: status, headers by lower-case name (in order, repeated ones kept), and every byte after the head. */
    public record Exchange(int status, Map<String, List<String>> headers, byte[] body) {

        /** The header's value; null when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        /** The headers but those named, which differ from one answer to the next (Date). */
        public Map<String, List<String>> headersBut(String... names) {
            Map<String, List<String>> kept = new LinkedHashMap<>(headers);
            Arrays.stream(names).forEach(name -> kept.remove(name.toLowerCase(Locale.ROOT)));
            return kept;
        }
    }

    /** Sends {@code method path} without a body, with {@code headers} (name, value, name, value...). */
    public Exchange send(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(origin.getHost()).append(':').append(origin.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        return sendRaw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends these bytes as they are, and reads the answer until the server closes the connection. */
    public Exchange sendRaw(byte[] request) {
        try (Socket socket = new Socket(origin.getHost(), origin.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Exchange parse(byte[] answer) {
        int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new AssertionError("the answer has no complete head: " + new String(answer, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Exchange(status, headers, Arrays.copyOfRange(answer, end + 4, answer.length));
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
