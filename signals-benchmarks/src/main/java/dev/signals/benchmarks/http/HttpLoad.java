package dev.signals.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A lean HTTP/1.1 load generator over keep-alive sockets: requests are prepared bytes, answers are read
 * by Content-Length (or chunked), so the generator costs little CPU next to the server it measures, and
 * both targets of a comparison pay the same for it.
 *
 * <p>Closed loop ({@link #closed}): each connection sends its next request as soon as the answer to the
 * last one is in; it measures the most the server can do. Open loop ({@link #open}): requests are sent
 * on a fixed schedule whatever the server does, and latency counts from the scheduled instant, so a
 * server that falls behind is charged for the wait (no coordinated omission).
 */
final class HttpLoad {

    /** What one run measured. */
    record Result(String target, long requests, long errors, double seconds, long[] sortedLatencyNanos,
                  double[] p99PerSecondMillis) {

        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (sortedLatencyNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(sortedLatencyNanos.length - 1, Math.ceil(p / 100.0 * sortedLatencyNanos.length) - 1);
            return sortedLatencyNanos[Math.max(0, i)] / 1e6;
        }

        /** The p99 of each second of the run (by each request's scheduled instant), e.g. "3.1 2.9 41.0 ...". */
        String p99PerSecond() {
            StringBuilder text = new StringBuilder();
            for (double p99 : p99PerSecondMillis) {
                text.append(text.length() == 0 ? "" : " ").append(String.format("%.1f", p99));
            }
            return text.toString();
        }

        /** The highest of the per-second p99s (NaN for an empty run). */
        double worstSecondP99Millis() {
            return Arrays.stream(p99PerSecondMillis).max().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return String.format("%-28s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%,d requests, %,d errors, %.1f s)",
                    target, throughput(), percentileMillis(50), percentileMillis(99), requests, errors, seconds);
        }
    }

    private final String host;
    private final int port;

    HttpLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code connections} connections, each sending back to back for {@code seconds}. */
    Result closed(String target, int connections, double seconds, IntFunction<byte[]> requests) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return run(target, connections, requests, (worker, n) -> {
            long now = System.nanoTime();
            return now < deadline ? now : -1;
        });
    }

    /**
     * {@code rate} requests per second in all, spread over {@code connections} connections, for
     * {@code seconds}; latency from each request's scheduled instant.
     */
    Result open(String target, int connections, double rate, double seconds, IntFunction<byte[]> requests)
            throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        long total = (long) (rate * seconds);
        double interval = 1e9 / rate;
        return run(target, connections, requests, (worker, n) -> {
            long slot = n * connections + worker;
            if (slot >= total) {
                return -1;
            }
            long scheduled = start + (long) (slot * interval);
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            return scheduled;
        });
    }

    /** When worker {@code worker} should send its {@code n}-th request (a nanoTime), or -1 to stop. */
    private interface Schedule {
        long next(int worker, long n);
    }

    private Result run(String target, int connections, IntFunction<byte[]> requests, Schedule schedule)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<long[]> instants = new ArrayList<>();
        long[] counts = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            long[][] mine = {new long[1 << 14]};
            long[][] when = {new long[1 << 14]};
            latencies.add(null);
            instants.add(null);
            Thread thread = new Thread(() -> {
                Connection connection = null;
                long n = 0;
                try {
                    for (long scheduled; (scheduled = schedule.next(worker, n)) >= 0; n++) {
                        try {
                            if (connection == null) {
                                connection = new Connection(host, port);
                            }
                            int status = connection.exchange(requests.apply((int) (n * connections + worker)));
                            if (status != 200 && status != 201) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            close(connection);
                            connection = null;
                        }
                        long latency = System.nanoTime() - scheduled;
                        if (n == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                            when[0] = Arrays.copyOf(when[0], when[0].length * 2);
                        }
                        mine[0][(int) n] = latency;
                        when[0][(int) n] = scheduled;
                    }
                } finally {
                    close(connection);
                    counts[worker] = n;
                    synchronized (latencies) {
                        latencies.set(worker, Arrays.copyOf(mine[0], (int) n));
                        instants.set(worker, Arrays.copyOf(when[0], (int) n));
                    }
                    done.countDown();
                }
            }, "load-" + target + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        long requestsSent = Arrays.stream(counts).sum();
        long[] all;
        long[] scheduledAt;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            scheduledAt = instants.stream().flatMapToLong(Arrays::stream).toArray();
        }
        double[] perSecond = p99PerSecond(all, scheduledAt);
        Arrays.sort(all);
        return new Result(target, requestsSent, errors.get(), seconds, all, perSecond);
    }

    /** The p99 latency of the requests scheduled in each whole second from the first one, in milliseconds. */
    private static double[] p99PerSecond(long[] latencies, long[] scheduledAt) {
        if (latencies.length == 0) {
            return new double[0];
        }
        long first = Arrays.stream(scheduledAt).min().orElseThrow();
        int secondsSpanned = (int) ((Arrays.stream(scheduledAt).max().orElseThrow() - first) / 1_000_000_000L) + 1;
        List<List<Long>> bySecond = new ArrayList<>();
        for (int i = 0; i < secondsSpanned; i++) {
            bySecond.add(new ArrayList<>());
        }
        for (int i = 0; i < latencies.length; i++) {
            bySecond.get((int) ((scheduledAt[i] - first) / 1_000_000_000L)).add(latencies[i]);
        }
        return bySecond.stream().filter(second -> !second.isEmpty()).mapToDouble(second -> {
            long[] sorted = second.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
        }).toArray();
    }

    private static void close(Connection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    /** One keep-alive connection. */
    static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] body = new byte[64 * 1024];

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        /** Sends one request and reads its whole answer; returns the status. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine.length() < 12) {
                throw new IOException("no status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase();
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private void skip(long length) throws IOException {
            while (length > 0) {
                int read = in.read(body, 0, (int) Math.min(body.length, length));
                if (read < 0) {
                    throw new IOException("connection closed mid-body");
                }
                length -= read;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A POST with a JSON body, as bytes ready to send. */
    static byte[] post(String path, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }
}
