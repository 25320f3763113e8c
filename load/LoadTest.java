import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mixed load on a running Signals service, loopback only, bounded in time:
 *
 *   java load/LoadTest.java [--url http://127.0.0.1:7070] [--seconds 60] [--workers 16] [--read-back N] --admin-token TOKEN
 *
 * 70% signal requests (alpha and beta), 20% list pages, 10% event batches of 50, from 4 accounts it creates.
 * It reports requests served, errors (429 counted apart), p50/p99/max latency per kind, and then checks that every
 * acknowledged signal request can be read back and that every acknowledged event batch, sent again, is all
 * duplicates; with {@code --read-back N}, N of each picked at random (a soak's minutes, whose full read-back took
 * longer than the minute). It measures and reports; its exit code is 0 unless a check fails.
 */
public final class LoadTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"(signal-[0-9a-f]{32})\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+),\"duplicates\":(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://127.0.0.1:7070");
        if (!url.matches("http://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?")) {
            throw new IllegalArgumentException("this load test only targets loopback addresses, not " + url);
        }
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int workers = Integer.parseInt(options.getOrDefault("workers", "16"));
        int readBack = Integer.parseInt(options.getOrDefault("read-back", Integer.toString(Integer.MAX_VALUE)));
        String admin = options.get("admin-token");
        if (admin == null) {
            throw new IllegalArgumentException("--admin-token is required (the service's SIGNALS_ADMIN_TOKEN)");
        }

        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String body = send(url, "POST", "/v1/admin/accounts", "Bearer " + admin,
                    "{\"name\":\"load " + i + "\",\"institutionId\":\"load-" + run + "-" + i + "\"}").body();
            String key = field(body, "apiKey");
            String secret = field(body, "apiSecret");
            accounts.add("Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }

        Stats signals = new Stats("signal requests");
        Stats lists = new Stats("list pages");
        Stats events = new Stats("event batches");
        ConcurrentLinkedQueue<String[]> acknowledgedSignals = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String[]> acknowledgedBatches = new ConcurrentLinkedQueue<>();
        AtomicLong batchNumber = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Instant occurred = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    String auth = accounts.get(random.nextInt(accounts.size()));
                    int pick = random.nextInt(100);
                    String phone = String.format("+639170%06d", random.nextInt(100_000));
                    try {
                        if (pick < 70) {
                            String version = pick < 50 ? "alpha" : "beta";
                            String body = "{\"phone\":\"" + phone + "\",\"consent\":{\"type\":\"T&C\",\"version\":\"1\","
                                    + "\"consentedWith\":\"I agree\",\"consentedAt\":\"2024-08-08T16:06:00Z\"}}";
                            HttpResponse<String> r = signals.time(() -> send(url, "POST", "/v1/" + version + "/signals", auth, body));
                            if (r.statusCode() == 200) {
                                Matcher m = ID.matcher(r.body());
                                if (m.find()) {
                                    acknowledgedSignals.add(new String[] {auth, m.group(1)});
                                }
                            }
                        } else if (pick < 90) {
                            lists.time(() -> send(url, "GET", "/v1/alpha/signals?size=20", auth, null));
                        } else {
                            long b = batchNumber.getAndIncrement();
                            String batch = batch(run, b, phone, occurred);
                            HttpResponse<String> r = events.time(() -> send(url, "POST", "/v1/events", auth, batch));
                            if (r.statusCode() == 200) {
                                acknowledgedBatches.add(new String[] {auth, batch});
                            }
                        }
                    } catch (Exception e) {
                        (pick < 70 ? signals : pick < 90 ? lists : events).failed();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);

        System.out.printf("%d s, %d workers, %s%n", seconds, workers, url);
        long served = 0;
        long errors = 0;
        for (Stats stats : List.of(signals, lists, events)) {
            System.out.println(stats.report(seconds));
            served += stats.count();
            errors += stats.errors();
        }
        System.out.printf("total: %,d requests, %,.0f/s, %d errors other than 429%n", served, served / (double) seconds, errors);

        List<String[]> signalsRead = sample(acknowledgedSignals, readBack);
        List<String[]> batchesResent = sample(acknowledgedBatches, readBack);
        int unreadable = 0;
        for (String[] signal : signalsRead) {
            if (send(url, "GET", "/v1/alpha/signals/" + signal[1], signal[0], null).statusCode() != 200) {
                unreadable++;
            }
        }
        int notDuplicates = 0;
        for (String[] batch : batchesResent) {
            HttpResponse<String> again = send(url, "POST", "/v1/events", batch[0], batch[1]);
            Matcher m = ACCEPTED.matcher(again.body());
            if (again.statusCode() != 200 || !m.find() || !m.group(1).equals("0") || !m.group(2).equals("50")) {
                notDuplicates++;
            }
        }
        System.out.printf("read back: %,d of %,d acknowledged signal requests, %d unreadable; %,d of %,d acknowledged event batches re-sent, %d not all duplicates%n",
                signalsRead.size(), acknowledgedSignals.size(), unreadable, batchesResent.size(), acknowledgedBatches.size(), notDuplicates);
        System.exit(unreadable == 0 && notDuplicates == 0 && errors == 0 ? 0 : 1);
    }

    /** At most {@code n} of {@code all}, picked at random. */
    private static List<String[]> sample(java.util.Collection<String[]> all, int n) {
        List<String[]> shuffled = new ArrayList<>(all);
        if (shuffled.size() > n) {
            java.util.Collections.shuffle(shuffled);
            return shuffled.subList(0, n);
        }
        return shuffled;
    }

    private static String batch(String run, long b, String phone, Instant occurred) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 50; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"eventId\":\"load-").append(run).append('-').append(b).append('-').append(i)
                    .append("\",\"type\":\"SUCCESSFUL_REPAYMENT\",\"occurredAt\":\"").append(occurred)
                    .append("\",\"phone\":\"").append(phone).append("\",\"amount\":").append(100 + i).append('}');
        }
        return body.append("]}").toString();
    }

    private static HttpResponse<String> send(String url, String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    /** Latencies in microseconds, kept whole for exact percentiles. */
    static final class Stats {
        private final String name;
        private final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        private final AtomicLong limited = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();

        Stats(String name) {
            this.name = name;
        }

        HttpResponse<String> time(Call call) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> response = call.run();
            micros.add((System.nanoTime() - start) / 1_000);
            if (response.statusCode() == 429) {
                limited.incrementAndGet();
            } else if (response.statusCode() >= 400) {
                errors.incrementAndGet();
            }
            return response;
        }

        void failed() {
            errors.incrementAndGet();
        }

        long count() {
            return micros.size();
        }

        long errors() {
            return errors.get();
        }

        String report(int seconds) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return name + ": none";
            }
            return String.format("%-16s %,8d (%,6.0f/s)  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  429: %d  errors: %d",
                    name, sorted.length, sorted.length / (double) seconds, sorted[sorted.length / 2] / 1000.0,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1000.0,
                    sorted[sorted.length - 1] / 1000.0, limited.get(), errors.get());
        }
    }
}
