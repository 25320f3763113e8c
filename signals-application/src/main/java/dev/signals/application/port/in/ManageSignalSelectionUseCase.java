package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalSelection;

import java.util.List;

/** Admin: the signals an account's alpha {@code result} carries (contract section 3.3). */
public interface ManageSignalSelectionUseCase {

    /** @throws dev.signals.application.port.NotFoundException for an unknown account */
    SignalSelection selectionOf(AccountId accountId);

    /** @throws dev.signals.domain.UnknownSignalException naming every unknown signal */
    SignalSelection replaceSelection(AccountId accountId, List<String> signalNames);
}
