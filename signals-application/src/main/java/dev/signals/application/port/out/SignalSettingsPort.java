package dev.signals.application.port.out;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.SignalTemplate;

import java.util.List;
import java.util.Optional;

/** Stores an account's signal selection (alpha) and its own beta templates. */
public interface SignalSettingsPort {

    /** Empty when the account never changed the default selection. */
    Optional<SignalSelection> selection(AccountId accountId);

    void saveSelection(AccountId accountId, SignalSelection selection);

    Optional<SignalTemplate> template(AccountId accountId, String templateId);

    /** The account's own templates, by id. */
    List<SignalTemplate> templates(AccountId accountId);

    /** Inserts or replaces the template with that id. */
    void saveTemplate(AccountId accountId, SignalTemplate template);
}
