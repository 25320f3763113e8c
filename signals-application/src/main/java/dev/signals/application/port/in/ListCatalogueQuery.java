package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;

import java.util.List;

/** All 108 signals in catalogue order, marked with the account's selection (contract section 3.1). */
public interface ListCatalogueQuery {

    List<CatalogueEntry> list(AccountId accountId);
}
