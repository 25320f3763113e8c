package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.CreateAccountCommand;
import dev.signals.application.port.in.NewAccount;
import jakarta.validation.Validation;
import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountServiceTest {

    private final InMemoryPorts ports = new InMemoryPorts();
    private final AccountService service = new AccountService(ports,
            new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator()),
            Clock.fixed(Instant.parse("2024-08-09T12:55:51Z"), ZoneOffset.UTC));

    @Test
    void aNewAccountGetsRandomCredentialsAndOnlyTheSecretsHashIsStored() {
        NewAccount created = service.create(new CreateAccountCommand("ABC Lending", "abc-lending"));

        assertThat(created.account().id().value()).matches("acc-[0-9a-f]{32}");
        assertThat(created.account().apiKey()).matches("key_[0-9a-f]{32}");
        assertThat(created.apiSecret()).hasSize(43);
        assertThat(ports.accounts.get(created.account().id()).secretHash())
                .isEqualTo(Secrets.hash(created.apiSecret()))
                .isNotEqualTo(created.apiSecret());
        assertThat(created.toString()).doesNotContain(created.apiSecret());
    }

    @Test
    void theRightKeyAndSecretAuthenticateAndAnythingElseDoesNot() {
        NewAccount created = service.create(new CreateAccountCommand("ABC Lending", "abc-lending"));
        String key = created.account().apiKey();

        assertThat(service.authenticate(key, created.apiSecret())).contains(created.account());
        assertThat(service.authenticate(key, created.apiSecret() + "x")).isEmpty();
        assertThat(service.authenticate("key_00000000000000000000000000000000", created.apiSecret())).isEmpty();
        assertThat(service.authenticate(key, null)).isEmpty();
        assertThat(service.authenticate(null, created.apiSecret())).isEmpty();
    }

    @Test
    void twoAccountsGetDifferentCredentials() {
        NewAccount first = service.create(new CreateAccountCommand("A", "a"));
        NewAccount second = service.create(new CreateAccountCommand("B", "b"));

        assertThat(first.account().apiKey()).isNotEqualTo(second.account().apiKey());
        assertThat(first.apiSecret()).isNotEqualTo(second.apiSecret());
    }

    @Test
    void anInstitutionHasOneAccount() {
        service.create(new CreateAccountCommand("ABC Lending", "abc-lending"));

        assertThatThrownBy(() -> service.create(new CreateAccountCommand("ABC again", "abc-lending")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("institutionId"));
    }

    @Test
    void aNameOfUnicodeWhiteSpaceOnlyIsAFieldErrorAndOtherWhiteSpaceAroundANameIsStripped() {
        // Bean Validation's @NotBlank trims only ASCII: the line and paragraph separators pass it.
        assertThatThrownBy(() -> service.create(new CreateAccountCommand("\u2028\u2029", "abc-lending")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(ports.accounts).isEmpty();

        assertThat(service.create(new CreateAccountCommand("\u2003ABC Lending\u00a0 ", "abc-lending")).account().name())
                .isEqualTo("ABC Lending\u00a0");
    }

    @Test
    void aMissingNameOrAnOddInstitutionIdIsAFieldError() {
        assertThatThrownBy(() -> service.create(new CreateAccountCommand(" ", "abc")))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> service.create(new CreateAccountCommand("ABC", "abc lending")))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("institutionId");
    }

    @Test
    void aKnownKeyIsLookedUpOnceAndAnUnknownKeyEveryTime() {
        NewAccount created = service.create(new CreateAccountCommand("ABC Lending", "abc-lending"));
        String key = created.account().apiKey();
        service.authenticate(key, created.apiSecret());
        ports.accounts.clear();

        assertThat(service.authenticate(key, created.apiSecret())).as("from memory").contains(created.account());
        assertThat(service.authenticate(key, "wrong")).isEmpty();
        assertThat(service.authenticate("key_00000000000000000000000000000000", "x")).isEmpty();
    }
}
