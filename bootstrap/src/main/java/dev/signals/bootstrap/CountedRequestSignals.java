package dev.signals.bootstrap;

import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.domain.request.SignalRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Locale;
import java.util.function.Function;

/**
 * Counts the signal requests the service answers, as {@code signals.requests} (Prometheus:
 * {@code signals_requests_total}) by API version, final status and result code. A command refused before a
 * request exists (a bad phone, a missing consent) is no signal request: it shows as a 4xx of its route in
 * {@code http_server_requests_seconds}. The counting stays out of the application, which knows no metrics.
 */
final class CountedRequestSignals implements RequestSignalsUseCase {

    static final String COUNTER = "signals.requests";
    static final String NOT_FINISHED = "NONE";

    private final RequestSignalsUseCase requests;
    private final Counter.MeterProvider<Counter> counters;

    CountedRequestSignals(RequestSignalsUseCase requests, MeterRegistry registry) {
        this.requests = requests;
        this.counters = Counter.builder(COUNTER)
                .description("Signal requests answered, by API version, status and result code")
                .withRegistry(registry);
    }

    @Override
    public SignalRequest request(RequestSignalsCommand command) {
        return request(command, Function.identity());
    }

    /** Counts a request once it is stored and answered, not when its answer is made. */
    @Override
    public <A> A request(RequestSignalsCommand command, Function<SignalRequest, A> answer) {
        SignalRequest[] made = new SignalRequest[1];
        A answered = requests.request(command, request -> {
            made[0] = request;
            return answer.apply(request);
        });
        SignalRequest request = made[0];
        counters.withTags(Tags.of(
                        "version", command.version().name().toLowerCase(Locale.ROOT),
                        "status", request.status().name(),
                        "result", request.resultCode() == null ? NOT_FINISHED : request.resultCode().name()))
                .increment();
        return answered;
    }
}
