package dev.signals.adapter.persistence;

import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The column forms of what a template is made of, shared by {@code signal_selection}, {@code signal_template}
 * and {@code signal_request}: signal names comma-separated in catalogue order, the amount format by its name,
 * the band edges comma-separated in ascending order. Names are read back through
 * {@link SignalCatalogue#byName(String)}, so a stored name the catalogue no longer has fails loudly.
 */
final class TemplateColumns {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private TemplateColumns() {
    }

    static String signalsColumn(SignalSelection selection) {
        return CommaSeparated.join(selection.names());
    }

    static SignalSelection selection(String column) {
        List<Signal> signals = new ArrayList<>();
        for (String name : CommaSeparated.split(column)) {
            signals.add(CATALOGUE.byName(name));
        }
        return SignalSelection.of(signals);
    }

    static String formatColumn(AmountFormat format) {
        return format.name();
    }

    static AmountFormat format(String column) {
        return AmountFormat.parse(column);
    }

    static String bandsColumn(AmountBands bands) {
        return CommaSeparated.join(bands.edges().stream().map(String::valueOf).toList());
    }

    static AmountBands bands(String column) {
        List<Long> edges = new ArrayList<>();
        for (String edge : CommaSeparated.split(column)) {
            edges.add(Long.parseLong(edge));
        }
        return new AmountBands(edges);
    }
}
