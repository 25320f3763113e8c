package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.in.CatalogueEntry;
import dev.signals.application.port.in.ListCatalogueQuery;
import dev.signals.application.port.in.ManageSignalSelectionUseCase;
import dev.signals.application.port.in.ManageSignalTemplatesUseCase;
import dev.signals.application.port.in.PutSignalTemplateCommand;
import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which signals an account gets (contract section 3.3): its alpha selection, the 35 defaults until
 * the admin changes it, and its beta templates beside the built-in {@code tpl-sgn003001}. Every signal
 * request reads them; the assembly puts an {@link dev.signals.application.cache.ExpiringSignalSettings} in
 * front of the store, so that they cost no query and stay fresh across nodes.
 */
public final class SignalSettingsService implements ManageSignalSelectionUseCase, ManageSignalTemplatesUseCase, ListCatalogueQuery {

    private final SignalCatalogue catalogue;
    private final SignalSettingsPort settings;
    private final AccountSignals accountSignals;
    private final AccountPort accounts;
    private final CommandValidation validation;

    public SignalSettingsService(SignalCatalogue catalogue, SignalSettingsPort settings, AccountPort accounts,
                                 CommandValidation validation) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.accountSignals = new AccountSignals(catalogue, settings);
        this.accounts = accounts;
        this.validation = validation;
    }

    @Override
    public SignalSelection selectionOf(AccountId accountId) {
        requireAccount(accountId);
        return accountSignals.selectionOf(accountId);
    }

    @Override
    public SignalSelection replaceSelection(AccountId accountId, List<String> signalNames) {
        requireAccount(accountId);
        if (signalNames == null || signalNames.isEmpty()) {
            throw InvalidCommandException.of("signals", "must name at least one catalogue signal");
        }
        SignalSelection selection = catalogue.select(signalNames);
        settings.saveSelection(accountId, selection);
        return selection;
    }

    @Override
    public SignalTemplate put(PutSignalTemplateCommand command) {
        if (command.accountId() != null) {
            requireAccount(command.accountId());
        }
        validation.check(command);
        String id = checkedTemplateId(command.templateId());
        if (SignalTemplate.isReserved(id)) {
            throw InvalidCommandException.of("templateId", id + " is reserved: " + SignalTemplate.BUILT_IN_ID
                    + " is built in and " + SignalTemplate.ACCOUNT_SELECTION_ID + " names the account's selection");
        }
        AmountFormat format = command.amountFormat() == null ? AmountFormat.NUMBER : parseFormat(command.amountFormat());
        AmountBands bands = command.amountBands() == null ? AmountBands.standard() : new AmountBands(command.amountBands());
        SignalTemplate template = new SignalTemplate(id, catalogue.select(command.signals()), format, bands);
        settings.saveTemplate(command.accountId(), template);
        return template;
    }

    @Override
    public List<SignalTemplate> templatesOf(AccountId accountId) {
        requireAccount(accountId);
        List<SignalTemplate> all = new ArrayList<>();
        all.add(SignalTemplate.builtIn());
        all.addAll(settings.templates(accountId));
        return List.copyOf(all);
    }

    @Override
    public List<CatalogueEntry> list(AccountId accountId) {
        SignalSelection selection = accountSignals.selectionOf(accountId);
        return catalogue.all().stream().map(signal -> new CatalogueEntry(signal, selection.contains(signal))).toList();
    }

    private void requireAccount(AccountId accountId) {
        if (accounts.load(accountId).isEmpty()) {
            throw new NotFoundException("No account " + accountId.value());
        }
    }

    private static String checkedTemplateId(String id) {
        try {
            return SignalTemplate.checkId(id);
        } catch (RuntimeException e) {
            throw InvalidCommandException.of("templateId", e.getMessage());
        }
    }

    private static AmountFormat parseFormat(String value) {
        try {
            return AmountFormat.parse(value);
        } catch (RuntimeException e) {
            throw InvalidCommandException.of("amountFormat", "must be NUMBER or BAND");
        }
    }
}
