package dev.signals.adapter.rest.server;

import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.domain.DomainException;
import dev.signals.domain.IllegalTransitionException;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.UnknownSignalException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the application and the domain throw becomes the envelope through the one ErrorMapper. */
class ErrorMappingTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void anInvalidCommandIs400WithEachViolationAsAFieldError() {
        application.failNextCallWith(new InvalidCommandException(List.of(
                new InvalidCommandException.Violation("consent.consentedAt", "must not be null"),
                new InvalidCommandException.Violation("size", "must be less than or equal to 150"))));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message()).isEqualTo("2 fields are invalid");
            assertThat(answer.errorFields()).containsExactly("consent.consentedAt", "size");
            assertThat(answer.errorMessage("consent.consentedAt")).isEqualTo("must not be null");
        });
    }

    @Test
    void anInvalidValueIs400WithOneFieldError() {
        application.failNextCallWith(new InvalidValueException("phone", "phone is too short to be a phone number"));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("phone");
            assertThat(answer.errorMessage("phone")).isEqualTo("phone is too short to be a phone number");
        });
    }

    @Test
    void anImpossiblePhoneFromTheDomainIsAFieldErrorThatDoesNotEchoTheNumber() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", Bodies.phoneRequest("+0123"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("phone");
            assertThat(answer.text()).doesNotContain("+0123");
        });
    }

    @Test
    void unknownSignalsAre400OnTheSignalsField() {
        application.failNextCallWith(new UnknownSignalException(List.of("events_a", "events_b")));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("signals");
            assertThat(answer.errorMessage("signals")).contains("events_a", "events_b");
        });
    }

    @Test
    void anyOtherDomainRefusalIs400WithItsMessage() {
        application.failNextCallWith(new RefusedByTheDomain("the network refuses this"));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message()).isEqualTo("the network refuses this");
            assertThat(answer.data().size()).isZero();
        });
    }

    @Test
    void anIllegalLifecycleTransitionIsABugAnswered500WithoutItsMessage() {
        application.failNextCallWith(new IllegalTransitionException("signal request already COMPLETED"));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.code()).isEqualTo("SERVER_ERROR");
            assertThat(answer.text()).doesNotContain("COMPLETED");
        });
    }

    @Test
    void notFoundIs404MissingResource() {
        application.failNextCallWith(new NotFoundException("No consent template ct-x"));
        TestApp.test(application, api -> {
            Answer answer = api.delete("/v1/consentTemplates/ct-x");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("MISSING_RESOURCE");
            assertThat(answer.message()).isEqualTo("No consent template ct-x");
            assertThat(answer.data().size()).isZero();
        });
    }

    /**
     * Before a route matched (authentication reads the database in a before-handler), the failure is mapped too: once
     * the mapper asked Javalin for the route's path there, which throws, and Javalin handled that exception again and
     * again on a request thread that never answered.
     */
    @Test
    void aFailureWhileAuthenticatingIsMappedLikeAnyOther() {
        TestApp.test(application, api -> {
            application.failNextAuthenticationWith(new StorageUnavailableException("the database cannot be reached", null));
            Answer unavailable = api.post("/v1/alpha/signals", Bodies.phoneRequest(InMemoryApplication.SUBJECT_WITH_EVENTS));
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.code()).isEqualTo("SERVER_UNAVAILABLE");

            application.failNextAuthenticationWith(new IllegalStateException("a bug"));
            Answer unexpected = api.get("/v1/catalog");
            assertThat(unexpected.status()).isEqualTo(500);
            assertThat(unexpected.code()).isEqualTo("SERVER_ERROR");
        });
    }

    @Test
    void anUnreachableDatabaseIs503ServerUnavailableWithoutItsDetails() {
        application.failNextCallWith(new StorageUnavailableException("Connection refused: jdbc:postgresql://db:5432/signals",
                new IOException("connect timed out")));
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", Bodies.phoneRequest(InMemoryApplication.SUBJECT_WITH_EVENTS));
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("SERVER_UNAVAILABLE");
            assertThat(answer.data().size()).isZero();
            assertThat(answer.text()).doesNotContain("jdbc").doesNotContain("timed out");
        });
    }

    @Test
    void anUnexpectedFailureOfAUseCaseIs500ServerError() {
        application.failNextCallWith(new IllegalStateException("row 7 of table accounts is corrupt"));
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/consentTemplates");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.code()).isEqualTo("SERVER_ERROR");
            assertThat(answer.text()).doesNotContain("corrupt");
        });
    }

    /** A domain refusal of a kind the mapper has no special case for. */
    private static final class RefusedByTheDomain extends DomainException {
        RefusedByTheDomain(String message) {
            super(message);
        }
    }
}
