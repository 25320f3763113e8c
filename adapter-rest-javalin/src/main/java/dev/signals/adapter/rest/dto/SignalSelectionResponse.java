package dev.signals.adapter.rest.dto;

import dev.signals.domain.catalogue.SignalSelection;

import java.util.List;

/** An account's alpha selection: catalogue names in catalogue order (contract section 3.3). */
public record SignalSelectionResponse(List<String> signals) {

    public static SignalSelectionResponse of(SignalSelection selection) {
        return new SignalSelectionResponse(selection.names());
    }
}
