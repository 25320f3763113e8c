package dev.signals.domain.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.IllegalTransitionException;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.event.EventBuilder;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.template.ResultItem;
import dev.signals.domain.template.SignalTemplate;
import dev.signals.domain.template.ValueType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignalRequestTest {

    private static final Instant NOW = Instant.parse("2024-08-09T12:55:51.123456789Z");
    private static final Instant CREATED_AT = Instant.parse("2024-08-09T12:55:51.123456Z");
    private static final SignalRequestId ID = SignalRequestId.fromUuid(UUID.fromString("123abc45-6def-789a-bc12-3def456abc78"));
    private static final AccountId ACCOUNT = new AccountId("acct-1");
    private static final PhoneSubject SUBJECT = new PhoneSubject(new PhoneNumber("+639171234567"));
    private static final Consent CONSENT = new Consent("[Motor Loans] Terms & Conditions", "2024-08",
            "I agree to ABC Company's Terms & Conditions", Instant.parse("2024-08-08T16:06:00Z"), null);
    private static final RequestMeta META = new RequestMeta("+639171234567", null, null, null, CONSENT);

    private final SignalCalculator calculator = new SignalCalculator();

    private static SignalRequest processing() {
        return SignalRequest.create(ID, ACCOUNT, NOW, null, SUBJECT, META, SignalTemplate.builtIn());
    }

    private CalculationResult resultWithData() {
        return calculator.calculate(EventHistory.of(List.of(EventBuilder.an(EventType.OVERDUE)
                .occurredAt("2024-08-01T00:00:00Z").amount("1520.50").overdueDays(12).build())),
                CREATED_AT, SignalTemplate.builtIn().signals());
    }

    @Test
    void aNewRequestIsProcessingAsOfItsCreation() {
        SignalRequest request = processing();

        assertThat(request.status()).isEqualTo(RequestStatus.PROCESSING);
        assertThat(request.resultCode()).isNull();
        assertThat(request.resultMessage()).isNull();
        assertThat(request.isFinished()).isFalse();
        assertThat(request.createdAt()).isEqualTo(CREATED_AT);
        assertThat(request.asOf()).isEqualTo(CREATED_AT);
        assertThat(request.values()).isEmpty();
        assertThat(request.items()).isEmpty();
        assertThat(request.consent()).isEqualTo(CONSENT);
    }

    @Test
    void idsAreSignalAnd32LowerCaseHex() {
        assertThat(ID.value()).isEqualTo("signal-123abc456def789abc123def456abc78");
        assertThat(SignalRequestId.parse("signal-123ABC456def789abc123def456abc78")).isEmpty();
        assertThat(SignalRequestId.parse(ID.value())).contains(ID);
        assertThatThrownBy(() -> SignalRequestId.of("signal-123"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("signalId"));
    }

    @Test
    void asOfMayBeInThePastButNotLaterThanNow() {
        Instant past = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(SignalRequest.create(ID, ACCOUNT, NOW, past, SUBJECT, META, SignalTemplate.builtIn()).asOf())
                .isEqualTo(past);
        assertThat(SignalRequest.create(ID, ACCOUNT, NOW, CREATED_AT, SUBJECT, META, SignalTemplate.builtIn()).asOf())
                .isEqualTo(CREATED_AT);
        assertThatThrownBy(() -> SignalRequest.create(ID, ACCOUNT, NOW, CREATED_AT.plusNanos(1_000), SUBJECT, META,
                SignalTemplate.builtIn()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("asOf"))
                .hasMessageContaining("asOf may not be later than now");
        assertThatThrownBy(() -> SignalRequest.create(ID, ACCOUNT, NOW, past.plusNanos(1), SUBJECT, META,
                SignalTemplate.builtIn()))
                .hasMessageContaining("at most 6 fractional digits");
    }

    @Test
    void aConsentFromTheFutureIsRejected() {
        Consent future = new Consent("t", "v", "I agree", Instant.parse("2024-08-09T13:01:52Z"), null);

        assertThatThrownBy(() -> SignalRequest.create(ID, ACCOUNT, NOW, null, SUBJECT,
                new RequestMeta("+639171234567", null, null, null, future), SignalTemplate.builtIn()))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("consent.consentedAt"));
    }

    @Test
    void completingWithDataIsSuccessWithTheValuesInCatalogueOrder() {
        SignalRequest done = processing().complete(resultWithData());

        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(done.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(done.resultMessage()).isEqualTo("query success");
        assertThat(done.values()).extracting(v -> v.signal().name())
                .containsExactlyElementsOf(SignalCatalogue.standard().defaultSelection().names());
        assertThat(done.items()).contains(new ResultItem("events_overdue_day30_amount", 1521L, ValueType.NUMBER),
                new ResultItem("events_overdue_day30_days", 12L, ValueType.NUMBER));
    }

    @Test
    void completingWithoutDataIsNoDataWithoutValues() {
        SignalRequest done = processing().complete(
                calculator.calculate(EventHistory.empty(), CREATED_AT, SignalTemplate.builtIn().signals()));

        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(done.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(done.values()).isEmpty();
        assertThat(done.items()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, names = {"SERVICE_UNAVAILABLE", "SYSTEM_ERROR"})
    void failingEndsInErrorWithTheCode(ResultCode code) {
        SignalRequest failed = processing().fail(code);

        assertThat(failed.status()).isEqualTo(RequestStatus.ERROR);
        assertThat(failed.resultCode()).isEqualTo(code);
        assertThat(failed.resultMessage()).isEqualTo(code.resultMessage());
        assertThat(failed.values()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, names = {"SUCCESS", "NO_DATA"})
    void aRequestCannotFailWithASuccessfulCode(ResultCode code) {
        assertThatThrownBy(() -> processing().fail(code))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot fail with " + code);
    }

    @Test
    void aFinishedRequestCannotFinishAgain() {
        SignalRequest completed = processing().complete(resultWithData());
        SignalRequest failed = processing().fail(ResultCode.SYSTEM_ERROR);

        assertThatThrownBy(() -> completed.complete(resultWithData()))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("already COMPLETED with SUCCESS");
        assertThatThrownBy(() -> completed.fail(ResultCode.SYSTEM_ERROR)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> failed.complete(resultWithData())).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> failed.fail(ResultCode.SERVICE_UNAVAILABLE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("already ERROR with SYSTEM_ERROR");
    }

    @Test
    void transitionsLeaveTheOriginalUntouched() {
        SignalRequest request = processing();

        request.complete(resultWithData());

        assertThat(request.status()).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void theResultMustBeOfTheTemplatesSignals() {
        CalculationResult allSignals = calculator.calculate(EventHistory.of(List.of(
                EventBuilder.an(EventType.DEBT).build())), CREATED_AT, SignalCatalogue.standard().allSignals());

        assertThatThrownBy(() -> processing().complete(allSignals)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredRequestIsRestoredAsItWas() {
        SignalRequest done = processing().complete(resultWithData());

        SignalRequest restored = SignalRequest.restore(done.id(), done.accountId(), done.createdAt(),
                done.requestedAsOf().orElse(null), done.subject(), done.requestMeta(), done.template(), done.status(),
                done.resultCode(), null, done.values());

        assertThat(restored).isEqualTo(done);
        assertThat(restored.items()).isEqualTo(done.items());
    }

    @Test
    void anAsOfIsRequestedOnlyWhenTheClientSentOne() {
        SignalRequest plain = SignalRequest.create(ID, ACCOUNT, CREATED_AT, null, SUBJECT, META, SignalTemplate.builtIn());
        assertThat(plain.requestedAsOf()).isEmpty();
        assertThat(plain.asOf()).isEqualTo(plain.createdAt());

        Instant past = CREATED_AT.minusSeconds(86_400);
        SignalRequest backTest = SignalRequest.create(ID, ACCOUNT, CREATED_AT, past, SUBJECT, META, SignalTemplate.builtIn());
        assertThat(backTest.requestedAsOf()).contains(past);
        assertThat(backTest.asOf()).isEqualTo(past);
    }

    @Test
    void everyRequestIsOfSmilesSignal1Product() {
        assertThat(processing().signalType()).isEqualTo(SignalType.SIGNAL1);
        assertThat(SignalType.parse("Signal2")).isEqualTo(SignalType.SIGNAL2);
        assertThatThrownBy(() -> SignalType.parse("signal1")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Signal1, Signal2 or Signal3");
    }

    @Test
    void anInconsistentStoredRequestIsRefused() {
        SignalRequest done = processing().complete(resultWithData());

        assertThatThrownBy(() -> SignalRequest.restore(ID, ACCOUNT, CREATED_AT, CREATED_AT, SUBJECT, META,
                SignalTemplate.builtIn(), RequestStatus.ERROR, ResultCode.SUCCESS, null, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ERROR with result code SUCCESS");
        assertThatThrownBy(() -> SignalRequest.restore(ID, ACCOUNT, CREATED_AT, CREATED_AT, SUBJECT, META,
                SignalTemplate.builtIn(), RequestStatus.PROCESSING, null, null, List.of()))
                .as("a request is stored finished").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignalRequest.restore(ID, ACCOUNT, CREATED_AT, CREATED_AT, SUBJECT, META,
                SignalTemplate.builtIn(), RequestStatus.COMPLETED, ResultCode.SUCCESS, null, List.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignalRequest.restore(ID, ACCOUNT, CREATED_AT, CREATED_AT, SUBJECT, META,
                SignalTemplate.builtIn(), RequestStatus.COMPLETED, ResultCode.NO_DATA, null, done.values()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void personalDataIsMaskedInToString() {
        assertThat(processing().toString()).doesNotContain("1234567");
        assertThat(META.toString()).doesNotContain("1234567");
    }

    @Test
    void successIsQuerySuccessAsInTheSeeds() {
        assertThat(ResultCode.SUCCESS.resultMessage()).isEqualTo("query success");
        assertThat(ResultCode.NO_DATA.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(ResultCode.SERVICE_UNAVAILABLE.status()).isEqualTo(RequestStatus.ERROR);
    }
}
