package dev.signals.domain.request;

import dev.signals.domain.IllegalTransitionException;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.template.ResultItem;
import dev.signals.domain.template.SignalTemplate;
import dev.signals.domain.time.ServiceInstant;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lender's request for the signals of one subject (CONTRACT §2): who asked, when
 * ({@code createdAt}), as of when ({@code asOf}, not later than {@code createdAt}, which is its
 * default when the client sent none), about whom, with which consent and template, and how it ended. It is created
 * PROCESSING while it is computed, and finishes exactly once before it is stored: {@link #complete(CalculationResult)} gives COMPLETED with
 * SUCCESS (values) or NO_DATA (no values), {@link #fail(ResultCode)} gives ERROR with
 * SERVICE_UNAVAILABLE or SYSTEM_ERROR; anything else is an {@link IllegalTransitionException}.
 * Instances are immutable: the transitions return the finished request.
 */
public final class SignalRequest {

    private final SignalRequestId id;
    private final AccountId accountId;
    private final Instant createdAt;
    private final Instant requestedAsOf;
    private final Subject subject;
    private final RequestMeta requestMeta;
    private final SignalTemplate template;
    private final RequestStatus status;
    private final ResultCode resultCode;
    private final String resultMessage;
    private final List<SignalValue> values;
    private final Explanation explanation;
    private final Idempotency idempotency;

    private SignalRequest(SignalRequestId id, AccountId accountId, Instant createdAt, Instant requestedAsOf, Subject subject,
                          RequestMeta requestMeta, SignalTemplate template, RequestStatus status,
                          ResultCode resultCode, String resultMessage, List<SignalValue> values, Explanation explanation,
                          Idempotency idempotency) {
        this.id = Objects.requireNonNull(id, "id");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.requestedAsOf = requestedAsOf;
        this.subject = Objects.requireNonNull(subject, "subject");
        this.requestMeta = Objects.requireNonNull(requestMeta, "requestMeta");
        this.template = Objects.requireNonNull(template, "template");
        this.status = Objects.requireNonNull(status, "status");
        this.resultCode = resultCode;
        this.resultMessage = resultMessage;
        this.values = List.copyOf(values);
        this.explanation = explanation;
        this.idempotency = idempotency;
    }

    /**
     * A new request, PROCESSING.
     *
     * @param now   the server's clock; {@code createdAt} is {@code now} to the microsecond
     * @param asOf  the instant to compute the signals at, or null for {@code createdAt}
     * @throws InvalidValueException on {@code asOf} later than now, finer than microseconds or
     *                               before the year 1, or on {@code consent.consentedAt} more
     *                               than 5 minutes ahead of now
     */
    public static SignalRequest create(SignalRequestId id, AccountId accountId, Instant now, Instant asOf,
                                       Subject subject, RequestMeta requestMeta, SignalTemplate template) {
        Instant createdAt = ServiceInstant.now(now).value();
        if (asOf != null) {
            ServiceInstant.of("asOf", asOf);
            if (asOf.isAfter(createdAt)) {
                throw new InvalidValueException("asOf",
                        "asOf may not be later than now; server time was " + createdAt + ", asOf " + asOf);
            }
        }
        requestMeta.consent().checkNotInFuture(now);
        return new SignalRequest(id, accountId, createdAt, asOf, subject, requestMeta, template,
                RequestStatus.PROCESSING, null, null, List.of(), null, null);
    }

    /**
     * A request as it was stored, {@code requestedAsOf} null when the client sent no {@code asOf},
     * checked for consistency: a stored request is finished (it is computed before it is stored),
     * COMPLETED with SUCCESS (values of the template's signals) or NO_DATA (no values), or ERROR with
     * SERVICE_UNAVAILABLE or SYSTEM_ERROR (no values). A null {@code resultMessage} of a finished
     * request becomes its code's standard message.
     *
     * @throws IllegalStateException when the stored state is inconsistent
     */
    public static SignalRequest restore(SignalRequestId id, AccountId accountId, Instant createdAt, Instant requestedAsOf,
                                        Subject subject, RequestMeta requestMeta, SignalTemplate template,
                                        RequestStatus status, ResultCode resultCode, String resultMessage,
                                        List<SignalValue> values) {
        return restore(id, accountId, createdAt, requestedAsOf, subject, requestMeta, template, status, resultCode,
                resultMessage, values, null);
    }

    /** The same for a request stored with its explanation (null when it was made without "explain"). */
    public static SignalRequest restore(SignalRequestId id, AccountId accountId, Instant createdAt, Instant requestedAsOf,
                                        Subject subject, RequestMeta requestMeta, SignalTemplate template,
                                        RequestStatus status, ResultCode resultCode, String resultMessage,
                                        List<SignalValue> values, Explanation explanation) {
        String problem = Consistency.of(template, status, resultCode, values);
        if (problem == null && explanation != null) {
            problem = Consistency.ofExplanation(template, resultCode, explanation);
        }
        if (problem != null) {
            throw new IllegalStateException("stored signal request " + id + " is inconsistent: " + problem);
        }
        String message = resultCode != null && resultMessage == null ? resultCode.resultMessage() : resultMessage;
        return new SignalRequest(id, accountId, createdAt, requestedAsOf, subject, requestMeta, template, status,
                resultCode, message, values, explanation, null);
    }

    /**
     * This request finished with its calculation: COMPLETED with SUCCESS and the values when the
     * subject has a known event, NO_DATA and no values otherwise.
     *
     * @throws IllegalTransitionException unless the request is PROCESSING
     * @throws IllegalArgumentException   when the result is not of the template's signals
     */
    public SignalRequest complete(CalculationResult result) {
        return complete(result, null);
    }

    /**
     * The same for a request made with "explain" (CONTRACT §2.5): it keeps {@code explanation}, of each of its
     * template's signals when it has values, of none otherwise.
     *
     * @throws IllegalArgumentException also when the explanation is not of those signals
     */
    public SignalRequest complete(CalculationResult result, Explanation explanation) {
        ResultCode code = result.hasData() ? ResultCode.SUCCESS : ResultCode.NO_DATA;
        requireProcessing(code);
        if (result.hasData() && !result.covers(template.signals())) {
            throw new IllegalArgumentException("request " + id + " needs the values of template " + template.id()
                    + ", the result holds " + result.signals());
        }
        if (explanation != null) {
            String problem = Consistency.ofExplanation(template, code, explanation);
            if (problem != null) {
                throw new IllegalArgumentException("request " + id + ": " + problem);
            }
        }
        return finish(code, result.hasData() ? result.values() : List.of(), explanation);
    }

    /**
     * This request ended in ERROR with {@code code}, SERVICE_UNAVAILABLE or SYSTEM_ERROR.
     *
     * @throws IllegalTransitionException for another code or unless the request is PROCESSING
     */
    public SignalRequest fail(ResultCode code) {
        Objects.requireNonNull(code, "code");
        if (code.status() != RequestStatus.ERROR) {
            throw new IllegalTransitionException("signal request " + id + " cannot fail with " + code
                    + "; a request fails with SERVICE_UNAVAILABLE or SYSTEM_ERROR, and completes with SUCCESS or NO_DATA");
        }
        requireProcessing(code);
        return finish(code, List.of(), null);
    }

    private void requireProcessing(ResultCode target) {
        if (status != RequestStatus.PROCESSING) {
            throw new IllegalTransitionException("signal request " + id + " is already " + status + " with "
                    + resultCode + " and cannot become " + target.status() + " with " + target
                    + "; only a PROCESSING request finishes");
        }
    }

    private SignalRequest finish(ResultCode code, List<SignalValue> finalValues, Explanation finalExplanation) {
        return new SignalRequest(id, accountId, createdAt, requestedAsOf, subject, requestMeta, template, code.status(),
                code, code.resultMessage(), finalValues, finalExplanation, idempotency);
    }

    /** This request, made (or stored) under an {@code Idempotency-Key}. */
    public SignalRequest withIdempotency(Idempotency keyed) {
        return new SignalRequest(id, accountId, createdAt, requestedAsOf, subject, requestMeta, template, status,
                resultCode, resultMessage, values, explanation, Objects.requireNonNull(keyed, "keyed"));
    }

    /**
     * This stored request as the answer to {@code repeat}, a new request that came with the same key: the same
     * question gets this request's answer again, and nothing new is made.
     *
     * @throws IdempotencyKeyReusedException when {@code repeat} asks for something else
     * @throws IllegalArgumentException      when the two were not made under one key
     */
    public SignalRequest answering(SignalRequest repeat) {
        if (idempotency == null || repeat.idempotency == null || !idempotency.key().equals(repeat.idempotency.key())
                || !accountId.equals(repeat.accountId)) {
            throw new IllegalArgumentException("request " + repeat.id + " does not repeat " + id + "'s idempotency key");
        }
        if (!idempotency.asksTheSameAs(repeat.idempotency)) {
            throw new IdempotencyKeyReusedException(repeat.idempotency.key(), id);
        }
        return this;
    }

    public SignalRequestId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The instant the signals are computed at: the {@code asOf} the client sent, or {@code createdAt}. */
    public Instant asOf() {
        return requestedAsOf == null ? createdAt : requestedAsOf;
    }

    /** The {@code asOf} the client sent (an extension of Smile's API, echoed only when sent). */
    public Optional<Instant> requestedAsOf() {
        return Optional.ofNullable(requestedAsOf);
    }

    /** Which of Smile's signal products this is: always the risk signals of this catalogue. */
    public SignalType signalType() {
        return SignalType.SIGNAL1;
    }

    /** Why the values are what they are, for a request made with "explain" (CONTRACT §2.5). */
    public Optional<Explanation> explanation() {
        return Optional.ofNullable(explanation);
    }

    /** The key the request was made under and what it asked, when its client sent an {@code Idempotency-Key}. */
    public Optional<Idempotency> idempotency() {
        return Optional.ofNullable(idempotency);
    }

    public Subject subject() {
        return subject;
    }

    public RequestMeta requestMeta() {
        return requestMeta;
    }

    public Consent consent() {
        return requestMeta.consent();
    }

    public SignalTemplate template() {
        return template;
    }

    public RequestStatus status() {
        return status;
    }

    /** The result code; null while PROCESSING. */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** The result message; null while PROCESSING. */
    public String resultMessage() {
        return resultMessage;
    }

    /** Whether the request is COMPLETED or ERROR. */
    public boolean isFinished() {
        return status != RequestStatus.PROCESSING;
    }

    /** The values of the template's signals in catalogue order; empty unless SUCCESS. */
    public List<SignalValue> values() {
        return values;
    }

    /** The values as the template shows them (CONTRACT §2.3 {@code items}); empty unless SUCCESS. */
    public List<ResultItem> items() {
        return values.isEmpty() ? List.of() : template.format(CalculationResult.of(true, values));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalRequest that
                && id.equals(that.id) && accountId.equals(that.accountId) && createdAt.equals(that.createdAt)
                && Objects.equals(requestedAsOf, that.requestedAsOf) && subject.equals(that.subject) && requestMeta.equals(that.requestMeta)
                && template.equals(that.template) && status == that.status && resultCode == that.resultCode
                && Objects.equals(resultMessage, that.resultMessage) && values.equals(that.values)
                && Objects.equals(explanation, that.explanation) && Objects.equals(idempotency, that.idempotency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, resultCode);
    }

    @Override
    public String toString() {
        return "SignalRequest[id=" + id + ", account=" + accountId + ", subject=" + subject.masked() + ", createdAt="
                + createdAt + ", asOf=" + asOf() + ", template=" + template.id() + ", status=" + status + ", resultCode="
                + resultCode + "]";
    }
}
