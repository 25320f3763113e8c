package dev.signals.application.port.out;

import dev.signals.application.port.PageCursor;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;

import java.util.List;
import java.util.Optional;

/** Stores each account's consent templates; every call is scoped to one account. */
public interface ConsentTemplatePort {

    void insert(AccountId accountId, ConsentTemplate template);

    Optional<ConsentTemplate> load(AccountId accountId, ConsentTemplateId id);

    /** Newest first (createdAt, then id, descending), strictly after {@code after} when given. */
    List<ConsentTemplate> list(AccountId accountId, PageCursor after, int limit);

    /** @return whether the account had such a template */
    boolean delete(AccountId accountId, ConsentTemplateId id);
}
