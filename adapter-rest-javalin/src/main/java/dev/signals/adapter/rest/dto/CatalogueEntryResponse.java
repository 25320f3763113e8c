package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.CatalogueEntry;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.Window;

/**
 * One catalogue signal (contract section 3.1): {@code eventType} as events spell it ({@code OVERDUE}),
 * {@code window} the days (30, 90, 180) or null for days-since-last, {@code metric} and
 * {@code availability} by name, and whether the calling account has it selected.
 */
public record CatalogueEntryResponse(
        String name,
        String eventType,
        Integer window,
        String metric,
        String availability,
        String description,
        boolean selected) {

    public static CatalogueEntryResponse of(CatalogueEntry entry) {
        Signal signal = entry.signal();
        return new CatalogueEntryResponse(signal.name(), signal.eventType().name(),
                signal.window().map(Window::days).orElse(null), signal.metric().name(),
                signal.availability().name(), signal.description(), entry.selected());
    }
}
