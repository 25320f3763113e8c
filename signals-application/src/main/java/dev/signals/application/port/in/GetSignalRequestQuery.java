package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.request.SignalRequest;

/** One of the account's signal requests. */
public interface GetSignalRequestQuery {

    /** @throws dev.signals.application.port.NotFoundException when unknown, malformed, or another account's */
    SignalRequest get(AccountId accountId, String signalRequestId);
}
