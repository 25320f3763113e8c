package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.InvalidCommandException;
import dev.signals.application.NotFoundException;
import dev.signals.application.port.in.CatalogueEntry;
import dev.signals.application.port.in.PutSignalTemplateCommand;
import dev.signals.domain.UnknownSignalException;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalSettingsServiceTest {

    private static final AccountId LENDER = new AccountId("acc-lender");

    private final InMemoryPorts ports = new InMemoryPorts();
    private final SignalSettingsService service = new SignalSettingsService(SignalCatalogue.standard(), ports, ports,
            new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator()));

    SignalSettingsServiceTest() {
        ports.insert(new Account(LENDER, "Lender", new InstitutionId("lender"), "key_0123456789abcdef", Instant.EPOCH), "hash");
    }

    @Test
    void anAccountStartsWithThe35DefaultsAndTheCatalogueMarksThem() {
        assertThat(service.selectionOf(LENDER).size()).isEqualTo(35);
        List<CatalogueEntry> catalogue = service.list(LENDER);
        assertThat(catalogue).hasSize(108);
        assertThat(catalogue.stream().filter(CatalogueEntry::selected)).hasSize(35);
    }

    @Test
    void aNewSelectionIsKeptInCatalogueOrder() {
        service.replaceSelection(LENDER, List.of("events_overdue_days_since_last", "events_marketing_day30"));

        assertThat(service.selectionOf(LENDER).names()).containsExactly("events_marketing_day30", "events_overdue_days_since_last");
        assertThat(service.list(LENDER).stream().filter(CatalogueEntry::selected)).hasSize(2);
    }

    @Test
    void unknownSignalsAreNamedAndAnEmptySelectionIsRefused() {
        assertThatThrownBy(() -> service.replaceSelection(LENDER, List.of("events_marketing_day30", "events_nope_day7")))
                .isInstanceOf(UnknownSignalException.class).hasMessageContaining("events_nope_day7");
        assertThatThrownBy(() -> service.replaceSelection(LENDER, List.of()))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("signals");
    }

    @Test
    void anUnknownAccountIsNotFound() {
        AccountId nobody = new AccountId("acc-nobody");
        assertThatThrownBy(() -> service.selectionOf(nobody)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.templatesOf(nobody)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void templatesListTheBuiltInFirstAndTheBuiltInCannotBeReplaced() {
        service.put(new PutSignalTemplateCommand(LENDER, "tpl-risk", List.of("events_debt_day90_amount"), "BAND", List.of(0L, 500L)));

        List<SignalTemplate> templates = service.templatesOf(LENDER);
        assertThat(templates).extracting(SignalTemplate::id).containsExactly("tpl-sgn003001", "tpl-risk");
        assertThat(templates.get(1).amountFormat()).isEqualTo(AmountFormat.BAND);
        assertThat(templates.get(1).bands().edges()).containsExactly(0L, 500L);
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "tpl-sgn003001", List.of("events_debt_day90_amount"), null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("built in");
    }

    @Test
    void aBadAmountFormatOrTemplateIdIsAFieldError() {
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "tpl-risk", List.of("events_debt_day90_amount"), "COLOURS", null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("amountFormat");
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "Risk Template", List.of("events_debt_day90_amount"), null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("templateId");
    }
}
