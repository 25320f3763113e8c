package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.signals.adapter.rest.json.IsoInstantSerializer;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.request.SignalRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an explained request adds to its Signal object (contract section 2.5), unwrapped into it: {@code evidence},
 * {@code explanation} and {@code evidenceTruncated}. A request made without "explain" has none of them.
 */
@JsonPropertyOrder({"evidence", "explanation", "evidenceTruncated"})
record ExplainedResponse(List<EvidenceResponse> evidence, Map<String, List<String>> explanation, boolean evidenceTruncated) {

    /** Null for a request made without "explain". */
    static ExplainedResponse of(SignalRequest request) {
        return request.explanation().map(ExplainedResponse::of).orElse(null);
    }

    private static ExplainedResponse of(Explanation explanation) {
        return new ExplainedResponse(explanation.evidence().stream().map(EvidenceResponse::of).toList(),
                explanation.refs(), explanation.truncated());
    }

    /** One event of the evidence; {@code eventId} only on the asking institution's own events. */
    @JsonPropertyOrder({"ref", "type", "occurredAt", "reportedAt", "amount", "overdueDays", "autoRepayment", "institution", "eventId"})
    record EvidenceResponse(String ref, String type, @JsonSerialize(using = IsoInstantSerializer.class) Instant occurredAt,
                            @JsonSerialize(using = IsoInstantSerializer.class) Instant reportedAt, BigDecimal amount,
                            Integer overdueDays, Boolean autoRepayment, String institution,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String eventId) {

        static EvidenceResponse of(Evidence evidence) {
            return new EvidenceResponse(evidence.ref(), evidence.type().name(), evidence.occurredAt(), evidence.reportedAt(),
                    evidence.amount(), evidence.overdueDays(), evidence.autoRepayment(), evidence.institution(),
                    evidence.eventId());
        }
    }
}
