package dev.signals.application.port.in;

import dev.signals.application.port.Page;
import dev.signals.domain.request.SignalRequest;

/** The account's signal requests, a page at a time (contract section 2.4). */
public interface ListSignalRequestsQuery {

    Page<SignalRequest> list(ListSignalRequestsCommand command);
}
