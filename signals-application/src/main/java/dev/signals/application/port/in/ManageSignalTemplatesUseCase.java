package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.template.SignalTemplate;

import java.util.List;

/** Admin: an account's beta templates; the built-in {@code tpl-sgn003001} is always there. */
public interface ManageSignalTemplatesUseCase {

    SignalTemplate put(PutSignalTemplateCommand command);

    /** The built-in template first, then the account's own by id. */
    List<SignalTemplate> templatesOf(AccountId accountId);
}
