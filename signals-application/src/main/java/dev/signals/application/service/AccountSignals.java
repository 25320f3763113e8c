package dev.signals.application.service;

import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.SignalTemplate;

import java.util.Optional;

/**
 * Which signals an account's requests get (contract section 3.3), over its stored settings: its selection, the
 * 35 defaults until an admin changes it, and the templates a beta request may name, the built-in
 * {@code tpl-sgn003001} and the account's own. Read by the services that manage the settings and by the one that
 * answers signal requests.
 */
final class AccountSignals {

    private final SignalCatalogue catalogue;
    private final SignalSettingsPort settings;

    AccountSignals(SignalCatalogue catalogue, SignalSettingsPort settings) {
        this.catalogue = catalogue;
        this.settings = settings;
    }

    /** The account's selection: the one stored for it, or the catalogue's defaults. */
    SignalSelection selectionOf(AccountId accountId) {
        return settings.selection(accountId).orElseGet(catalogue::defaultSelection);
    }

    /** The template a beta request names, or empty when the account has none by that id. */
    Optional<SignalTemplate> template(AccountId accountId, String templateId) {
        if (SignalTemplate.BUILT_IN_ID.equals(templateId)) {
            return Optional.of(SignalTemplate.builtIn());
        }
        return settings.template(accountId, templateId);
    }
}
