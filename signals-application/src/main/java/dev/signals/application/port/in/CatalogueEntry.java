package dev.signals.application.port.in;

import dev.signals.domain.catalogue.Signal;

/** A catalogue signal and whether the calling account has it selected. */
public record CatalogueEntry(Signal signal, boolean selected) {
}
