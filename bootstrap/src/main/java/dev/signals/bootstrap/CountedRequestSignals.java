package dev.signals.bootstrap;

import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.application.port.in.RequestSignalsUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Locale;
import java.util.function.Function;

/**
 * Counts the signal requests the service answers, as {@code signals.requests} (Prometheus:
 * {@code signals_requests_total}) by API version, final status and result code. A command refused before a
 * request exists (a bad phone, a missing consent) is no signal request: it shows as a 4xx of its route in
 * {@code http_server_requests_seconds}. A repeat of an {@code Idempotency-Key}, answered with the request stored
 * under it, makes none either: it counts as {@code signals.requests.repeated} ({@code signals_requests_repeated_total})
 * by API version. The counting stays out of the application, which knows no metrics.
 */
final class CountedRequestSignals implements RequestSignalsUseCase {

    static final String COUNTER = "signals.requests";
    static final String REPEATED = "signals.requests.repeated";
    static final String NOT_FINISHED = "NONE";

    private final RequestSignalsUseCase requests;
    private final Counter.MeterProvider<Counter> counters;
    private final Counter.MeterProvider<Counter> repeats;

    CountedRequestSignals(RequestSignalsUseCase requests, MeterRegistry registry) {
        this.requests = requests;
        this.counters = Counter.builder(COUNTER)
                .description("Signal requests answered, by API version, status and result code")
                .withRegistry(registry);
        this.repeats = Counter.builder(REPEATED)
                .description("Repeats of an Idempotency-Key answered with the signal request stored under it, by API version")
                .withRegistry(registry);
    }

    /** Counts a request once it is stored and answered, not when its answer is made. */
    @Override
    public <A> A request(RequestSignalsCommand command, Function<Created, A> answer) {
        Created[] made = new Created[1];
        A answered = requests.request(command, created -> {
            made[0] = created;
            return answer.apply(created);
        });
        String version = command.version().name().toLowerCase(Locale.ROOT);
        if (made[0].repeat()) {
            repeats.withTags(Tags.of("version", version)).increment();
            return answered;
        }
        var request = made[0].request();
        counters.withTags(Tags.of(
                        "version", version,
                        "status", request.status().name(),
                        "result", request.resultCode() == null ? NOT_FINISHED : request.resultCode().name()))
                .increment();
        return answered;
    }
}
