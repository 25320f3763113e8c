package dev.signals.domain.request;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.template.SignalTemplate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code Idempotency-Key} header's values, and which repeat of a key gets the stored request (issue 19). */
class IdempotencyTest {

    private static final Instant NOW = Instant.parse("2024-08-09T12:55:51Z");
    private static final AccountId ACCOUNT = new AccountId("acct-1");
    private static final Consent CONSENT = new Consent("[Motor Loans] Terms & Conditions", "2024-08",
            "I agree to ABC Company's Terms & Conditions", Instant.parse("2024-08-08T16:06:00Z"), null);
    private static final RequestMeta META = new RequestMeta("+639171234567", null, null, null, CONSENT);
    private static final IdempotencyKey KEY = new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324");

    @Test
    void aHeaderCarriesTheKeyBareOrAsAStructuredFieldString() {
        assertThat(IdempotencyKey.ofHeader(null)).isEmpty();
        assertThat(IdempotencyKey.ofHeader("8e03978e-40d5")).contains(new IdempotencyKey("8e03978e-40d5"));
        assertThat(IdempotencyKey.ofHeader(" \"8e03978e-40d5\" ")).contains(new IdempotencyKey("8e03978e-40d5"));
        assertThat(IdempotencyKey.ofHeader("\"a\\\"b\\\\c\"")).contains(new IdempotencyKey("a\"b\\c"));
        assertThat(IdempotencyKey.ofHeader("x".repeat(255)).orElseThrow().value()).hasSize(255);
    }

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        for (String wrong : List.of("", "  ", "\"\"", "x".repeat(256), "two words", "caf\u00e9", "tab\tkey", "\"a\"b\"",
                "\"a\\b\"")) {
            assertThatThrownBy(() -> IdempotencyKey.ofHeader(wrong)).as(wrong)
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo(IdempotencyKey.HEADER));
        }
        assertThatThrownBy(() -> IdempotencyKey.ofHeader("two words")).hasMessage(
                "Idempotency-Key must hold only visible ASCII characters (no spaces), found U+0020 at position 4");
    }

    @Test
    void twoRequestsAskTheSameExactlyWhenEveryFieldAsSentIsTheSame() {
        Idempotency asked = Idempotency.of(KEY, META, null, false);
        assertThat(Idempotency.of(KEY, new RequestMeta("+639171234567", null, null, null, CONSENT), null, false))
                .isEqualTo(asked);
        assertThat(asked.asked()).hasSize(64);

        List<Idempotency> others = List.of(
                Idempotency.of(KEY, META, null, true),
                Idempotency.of(KEY, META, NOW, false),
                Idempotency.of(KEY, meta(m -> new RequestMeta("639171234567", null, null, null, CONSENT)), null, false),
                Idempotency.of(KEY, meta(m -> new RequestMeta(m.phone(), "PH", null, null, CONSENT)), null, false),
                Idempotency.of(KEY, meta(m -> new RequestMeta(m.phone(), null, null, "tpl-sgn003001", CONSENT)), null, false),
                Idempotency.of(KEY, meta(m -> new RequestMeta(m.phone(), null, null, "", CONSENT)), null, false),
                Idempotency.of(KEY, consent(new Consent(null, "2024-08", CONSENT.consentedWith(), CONSENT.consentedAt(), null)), null, false),
                Idempotency.of(KEY, consent(new Consent("", "2024-08", CONSENT.consentedWith(), CONSENT.consentedAt(), null)), null, false),
                Idempotency.of(KEY, consent(new Consent(CONSENT.type(), "2024-09", CONSENT.consentedWith(), CONSENT.consentedAt(), null)), null, false),
                Idempotency.of(KEY, consent(new Consent(CONSENT.type(), "2024-08", "I agree", CONSENT.consentedAt(), null)), null, false),
                Idempotency.of(KEY, consent(new Consent(CONSENT.type(), "2024-08", CONSENT.consentedWith(), NOW, null)), null, false),
                Idempotency.of(KEY, consent(new Consent(CONSENT.type(), "2024-08", CONSENT.consentedWith(), CONSENT.consentedAt(),
                        new ConsentTemplateId("ct-fa84d4ec5a064c898b62b46b7affbcd5"))), null, false),
                Idempotency.of(KEY, new RequestMeta(null, null, "+639171234567", null, CONSENT), null, false));
        for (Idempotency other : others) {
            assertThat(other.asksTheSameAs(asked)).as(other.toString()).isFalse();
        }
        assertThat(others.stream().map(Idempotency::asked).distinct()).hasSize(others.size());
    }

    @Test
    void aStoredRequestAnswersARepeatOfItsKeyThatAsksTheSameAndRefusesOneThatAsksSomethingElse() {
        SignalRequest stored = request(KEY, META, false).complete(CalculationResult.of(false, List.of()));

        assertThat(stored.idempotency()).contains(Idempotency.of(KEY, META, null, false));
        assertThat(stored.answering(request(KEY, META, false))).isSameAs(stored);
        assertThatThrownBy(() -> stored.answering(request(KEY, META, true)))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining(stored.id().value());
        assertThatThrownBy(() -> stored.answering(request(new IdempotencyKey("other"), META, false)))
                .isInstanceOf(IllegalArgumentException.class);
        SignalRequest unkeyed = SignalRequest.create(SignalRequestId.fromUuid(UUID.randomUUID()), ACCOUNT, NOW, null,
                new PhoneSubject(new PhoneNumber(META.phone())), META, SignalTemplate.builtIn());
        assertThatThrownBy(() -> stored.answering(unkeyed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(unkeyed.idempotency()).isEmpty();
    }

    private static SignalRequest request(IdempotencyKey key, RequestMeta meta, boolean explain) {
        return SignalRequest.create(SignalRequestId.fromUuid(UUID.randomUUID()), ACCOUNT, NOW, null,
                        new PhoneSubject(new PhoneNumber(meta.phone())), meta, SignalTemplate.builtIn())
                .withIdempotency(Idempotency.of(key, meta, null, explain));
    }

    private static RequestMeta meta(UnaryOperator<RequestMeta> change) {
        return change.apply(META);
    }

    private static RequestMeta consent(Consent consent) {
        return new RequestMeta(META.phone(), null, null, null, consent);
    }
}
