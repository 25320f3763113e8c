package dev.signals.adapter.rest;

import dev.signals.domain.catalogue.SignalSelection;

import java.util.List;

/** An account's alpha selection: catalogue names in catalogue order (contract section 3.3). */
record SignalSelectionResponse(List<String> signals) {

    static SignalSelectionResponse of(SignalSelection selection) {
        return new SignalSelectionResponse(selection.names());
    }
}
