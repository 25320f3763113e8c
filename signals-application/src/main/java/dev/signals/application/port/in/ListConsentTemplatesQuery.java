package dev.signals.application.port.in;

import dev.signals.application.port.Page;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;

/** The account's consent templates, newest first, a page at a time. */
public interface ListConsentTemplatesQuery {

    /** @param size 1 to 150, null for 10; @param cursor null for the first page */
    Page<ConsentTemplate> list(AccountId accountId, Integer size, String cursor);
}
