package dev.signals.domain.request;

import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.template.SignalTemplate;

import java.util.List;
import java.util.Objects;

/** The rules a finished signal request's state keeps, whether it was just computed or read back from storage. */
final class Consistency {

    private Consistency() {
    }

    /**
     * What is wrong with an explanation of a request that ended with {@code code}, or null: a successful request
     * explains each of its template's signals, in order; any other explains none.
     */
    static String ofExplanation(SignalTemplate template, ResultCode code, Explanation explanation) {
        List<String> expected = code == ResultCode.SUCCESS ? template.signals().signals().stream().map(Signal::name).toList()
                : List.of();
        List<String> explained = List.copyOf(explanation.refs().keySet());
        return explained.equals(expected) ? null
                : code + " explaining " + explained + " instead of the template's " + expected;
    }

    /** What is wrong with a stored request's status, code and values, or null (see {@link SignalRequest#restore}). */
    static String of(SignalTemplate template, RequestStatus status, ResultCode resultCode, List<SignalValue> values) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(values, "values");
        if (status == RequestStatus.PROCESSING) {
            return "PROCESSING: a request is stored finished";
        }
        if (resultCode == null || resultCode.status() != status) {
            return status + " with result code " + resultCode;
        }
        if (resultCode != ResultCode.SUCCESS) {
            return values.isEmpty() ? null : resultCode + " with values";
        }
        return CalculationResult.of(true, values).covers(template.signals()) ? null
                : "SUCCESS with values of " + values.stream().map(v -> v.signal().name()).toList()
                        + " for the signals of template " + template.id();
    }
}
