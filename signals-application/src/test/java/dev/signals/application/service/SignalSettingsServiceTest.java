package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.cache.ExpiringSignalSettings;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
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

import java.time.Duration;
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
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "tpl-account-selection", List.of("events_debt_day90_amount"), null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("names the account's selection");
    }

    @Test
    void aBadAmountFormatOrTemplateIdIsAFieldError() {
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "tpl-risk", List.of("events_debt_day90_amount"), "COLOURS", null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("amountFormat");
        assertThatThrownBy(() -> service.put(new PutSignalTemplateCommand(LENDER, "Risk Template", List.of("events_debt_day90_amount"), null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("templateId");
    }

    // ---- what a signal request reads is kept in memory, as last stored

    /** The ports, counting the reads of selections and templates, and failing saves on demand. */
    private static final class CountingSettings implements dev.signals.application.port.out.SignalSettingsPort {

        final InMemoryPorts stored = new InMemoryPorts();
        int reads;
        boolean failSaves;

        @Override
        public java.util.Optional<dev.signals.domain.catalogue.SignalSelection> selection(AccountId accountId) {
            reads++;
            return stored.selection(accountId);
        }

        @Override
        public void saveSelection(AccountId accountId, dev.signals.domain.catalogue.SignalSelection selection) {
            if (failSaves) {
                throw new IllegalStateException("storage refused the write");
            }
            stored.saveSelection(accountId, selection);
        }

        @Override
        public java.util.Optional<SignalTemplate> template(AccountId accountId, String templateId) {
            reads++;
            return stored.template(accountId, templateId);
        }

        @Override
        public List<SignalTemplate> templates(AccountId accountId) {
            return stored.templates(accountId);
        }

        @Override
        public void saveTemplate(AccountId accountId, SignalTemplate template) {
            if (failSaves) {
                throw new IllegalStateException("storage refused the write");
            }
            stored.saveTemplate(accountId, template);
        }
    }

    @Test
    void throughTheCacheSelectionsAndTemplatesAreReadFromStorageOnceAndWritesReplaceWhatIsRemembered() {
        CountingSettings settings = new CountingSettings();
        settings.stored.insert(new Account(LENDER, "Lender", new InstitutionId("lender"), "key_0123456789abcdef", Instant.EPOCH), "hash");
        ExpiringSignalSettings cache = new ExpiringSignalSettings(settings, Duration.ofMillis(500), () -> 0L);
        SignalSettingsService remembering = new SignalSettingsService(SignalCatalogue.standard(), cache, settings.stored,
                new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator()));
        AccountSignals reading = new AccountSignals(SignalCatalogue.standard(), cache);

        assertThat(reading.selectionOf(LENDER).size()).isEqualTo(35);
        assertThat(reading.selectionOf(LENDER).size()).isEqualTo(35);
        assertThat(settings.reads).isEqualTo(1);

        remembering.replaceSelection(LENDER, List.of("events_marketing_day30"));
        assertThat(reading.selectionOf(LENDER).names()).containsExactly("events_marketing_day30");
        assertThat(settings.reads).isEqualTo(1);

        assertThat(reading.template(LENDER, "tpl-mine")).isEmpty();
        assertThat(reading.template(LENDER, "tpl-mine")).isEmpty();
        assertThat(settings.reads).as("an unknown template id is remembered too, for as long as the entry lives").isEqualTo(2);

        remembering.put(new PutSignalTemplateCommand(LENDER, "tpl-mine", List.of("events_debt_day30_amount"), null, null));
        assertThat(reading.template(LENDER, "tpl-mine")).map(t -> t.signals().names())
                .contains(List.of("events_debt_day30_amount"));
        remembering.put(new PutSignalTemplateCommand(LENDER, "tpl-mine", List.of("events_debt_day90_amount"), null, null));
        assertThat(reading.template(LENDER, "tpl-mine")).map(t -> t.signals().names())
                .contains(List.of("events_debt_day90_amount"));
        assertThat(settings.reads).isEqualTo(2);
    }

    @Test
    void aWriteTheStorageRefusesLeavesTheRememberedSettingsAsTheyWere() {
        CountingSettings settings = new CountingSettings();
        settings.stored.insert(new Account(LENDER, "Lender", new InstitutionId("lender"), "key_0123456789abcdef", Instant.EPOCH), "hash");
        ExpiringSignalSettings cache = new ExpiringSignalSettings(settings, Duration.ofMillis(500), () -> 0L);
        SignalSettingsService remembering = new SignalSettingsService(SignalCatalogue.standard(), cache, settings.stored,
                new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator()));
        AccountSignals reading = new AccountSignals(SignalCatalogue.standard(), cache);
        remembering.replaceSelection(LENDER, List.of("events_marketing_day30"));
        remembering.put(new PutSignalTemplateCommand(LENDER, "tpl-mine", List.of("events_debt_day30_amount"), null, null));

        settings.failSaves = true;
        assertThatThrownBy(() -> remembering.replaceSelection(LENDER, List.of("events_debt_day30_amount")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> remembering.put(new PutSignalTemplateCommand(LENDER, "tpl-mine", List.of("events_debt_day90_amount"), null, null)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(reading.selectionOf(LENDER).names()).containsExactly("events_marketing_day30");
        assertThat(reading.template(LENDER, "tpl-mine")).map(t -> t.signals().names())
                .contains(List.of("events_debt_day30_amount"));
    }
}
