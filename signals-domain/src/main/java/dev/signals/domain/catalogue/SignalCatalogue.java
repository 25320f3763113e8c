package dev.signals.domain.catalogue;

import static dev.signals.domain.catalogue.Availability.AVAILABLE;
import static dev.signals.domain.catalogue.Availability.DEFAULT;
import static dev.signals.domain.catalogue.EventType.APPLICATION_APPROVAL;
import static dev.signals.domain.catalogue.EventType.APPLICATION_RECEPTION;
import static dev.signals.domain.catalogue.EventType.APPLICATION_REJECTION;
import static dev.signals.domain.catalogue.EventType.ARBITRARY;
import static dev.signals.domain.catalogue.EventType.CAPTCHA;
import static dev.signals.domain.catalogue.EventType.DEBT;
import static dev.signals.domain.catalogue.EventType.LENDING;
import static dev.signals.domain.catalogue.EventType.LOAN_DISBURSEMENT;
import static dev.signals.domain.catalogue.EventType.MARKETING;
import static dev.signals.domain.catalogue.EventType.OTHER;
import static dev.signals.domain.catalogue.EventType.OVERDUE;
import static dev.signals.domain.catalogue.EventType.PRELOAN;
import static dev.signals.domain.catalogue.EventType.REPAYMENT_REMINDER;
import static dev.signals.domain.catalogue.EventType.SUCCESSFUL_REPAYMENT;
import static dev.signals.domain.catalogue.Metric.AMOUNT;
import static dev.signals.domain.catalogue.Metric.COUNT;
import static dev.signals.domain.catalogue.Metric.INSTITUTION_COUNT;
import static dev.signals.domain.catalogue.Metric.OVERDUE_AUTOREPAYMENT_DAYS;
import static dev.signals.domain.catalogue.Metric.OVERDUE_DAYS;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.UnknownSignalException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 108 signals of the seeds' "Risk Signals - Phone" table, as data (CONTRACT §3.1): 33
 * windowed rows times 3 windows, then 9 days-since-last rows. Catalogue order, used by every
 * listing and result, is every 30-day signal, then 90-day, then 180-day, each window in the row
 * order below, then the days-since-last signals in {@link EventType} order.
 */
public final class SignalCatalogue {

    /** A windowed row of the seed table with its availability in the 30-, 90- and 180-day columns. */
    private record Row(EventType type, Metric metric, Availability day30, Availability day90, Availability day180) {
        Availability in(Window window) {
            return switch (window) {
                case DAYS_30 -> day30;
                case DAYS_90 -> day90;
                case DAYS_180 -> day180;
            };
        }
    }

    /** A days-since-last row of the seed table. */
    private record SinceLastRow(EventType type, Availability availability) {
    }

    private static final List<Row> WINDOWED_ROWS = List.of(
            new Row(MARKETING, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(MARKETING, INSTITUTION_COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(APPLICATION_RECEPTION, COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(APPLICATION_RECEPTION, INSTITUTION_COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(APPLICATION_APPROVAL, COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(APPLICATION_APPROVAL, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(APPLICATION_REJECTION, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(APPLICATION_REJECTION, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(LOAN_DISBURSEMENT, COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(LOAN_DISBURSEMENT, INSTITUTION_COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(LOAN_DISBURSEMENT, AMOUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(REPAYMENT_REMINDER, COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(REPAYMENT_REMINDER, INSTITUTION_COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(REPAYMENT_REMINDER, AMOUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(SUCCESSFUL_REPAYMENT, COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(SUCCESSFUL_REPAYMENT, INSTITUTION_COUNT, DEFAULT, AVAILABLE, AVAILABLE),
            new Row(SUCCESSFUL_REPAYMENT, AMOUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(OVERDUE, COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(OVERDUE, INSTITUTION_COUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(OVERDUE, AMOUNT, DEFAULT, DEFAULT, DEFAULT),
            new Row(DEBT, AMOUNT, DEFAULT, DEFAULT, AVAILABLE),
            new Row(OVERDUE, OVERDUE_DAYS, DEFAULT, DEFAULT, DEFAULT),
            new Row(OVERDUE, OVERDUE_AUTOREPAYMENT_DAYS, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(ARBITRARY, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(ARBITRARY, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(CAPTCHA, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(CAPTCHA, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(LENDING, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(LENDING, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(PRELOAN, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(PRELOAN, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(OTHER, COUNT, AVAILABLE, AVAILABLE, AVAILABLE),
            new Row(OTHER, INSTITUTION_COUNT, AVAILABLE, AVAILABLE, AVAILABLE));

    private static final List<SinceLastRow> SINCE_LAST_ROWS = List.of(
            new SinceLastRow(MARKETING, AVAILABLE),
            new SinceLastRow(APPLICATION_RECEPTION, AVAILABLE),
            new SinceLastRow(APPLICATION_APPROVAL, AVAILABLE),
            new SinceLastRow(APPLICATION_REJECTION, AVAILABLE),
            new SinceLastRow(LOAN_DISBURSEMENT, DEFAULT),
            new SinceLastRow(REPAYMENT_REMINDER, AVAILABLE),
            new SinceLastRow(SUCCESSFUL_REPAYMENT, DEFAULT),
            new SinceLastRow(OVERDUE, DEFAULT),
            new SinceLastRow(CAPTCHA, AVAILABLE));

    private static final SignalCatalogue STANDARD = new SignalCatalogue();

    private final List<Signal> all;
    private final Map<String, Signal> byName;
    private final List<Signal> defaults;
    private final SignalSelection allSelection;
    private final SignalSelection defaultSelection;

    private SignalCatalogue() {
        List<Signal> signals = new ArrayList<>();
        for (Window window : Window.values()) {
            for (Row row : WINDOWED_ROWS) {
                signals.add(signal(row.type(), Optional.of(window), row.metric(), row.in(window), signals.size()));
            }
        }
        for (SinceLastRow row : SINCE_LAST_ROWS) {
            signals.add(signal(row.type(), Optional.empty(), Metric.DAYS_SINCE_LAST, row.availability(), signals.size()));
        }
        this.all = List.copyOf(signals);
        Map<String, Signal> names = new LinkedHashMap<>();
        for (Signal signal : all) {
            if (names.put(signal.name(), signal) != null) {
                throw new IllegalStateException("duplicate signal " + signal.name());
            }
        }
        this.byName = Map.copyOf(names);
        this.defaults = all.stream().filter(s -> s.availability() == DEFAULT).toList();
        this.allSelection = new SignalSelection(all);
        this.defaultSelection = new SignalSelection(defaults);
    }

    private static Signal signal(EventType type, Optional<Window> window, Metric metric,
                                 Availability availability, int position) {
        return new Signal(Signal.nameOf(type, window, metric), type, window, metric, availability,
                Signal.descriptionOf(type, window, metric), position);
    }

    /** The catalogue of this service. */
    public static SignalCatalogue standard() {
        return STANDARD;
    }

    /** All 108 signals in catalogue order; {@code all().get(i).position() == i}. */
    public List<Signal> all() {
        return all;
    }

    /** The 35 signals every account has selected until an admin changes it, in catalogue order. */
    public List<Signal> defaults() {
        return defaults;
    }

    /** All 108 signals as a selection. */
    public SignalSelection allSignals() {
        return allSelection;
    }

    /** The 35 default signals as a selection (also the built-in template's signals). */
    public SignalSelection defaultSelection() {
        return defaultSelection;
    }

    /**
     * The signal with this exact name.
     *
     * @throws UnknownSignalException naming {@code name} when the catalogue has no such signal
     */
    public Signal byName(String name) {
        Signal signal = name == null ? null : byName.get(name);
        if (signal == null) {
            throw new UnknownSignalException(List.of(String.valueOf(name)));
        }
        return signal;
    }

    /** The signal with this name, if the catalogue has one. */
    public Optional<Signal> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The selection of the named signals in catalogue order; repeated names count once.
     *
     * @throws InvalidValueException on field {@code signals} when no name is given or one is null
     * @throws UnknownSignalException listing every unknown name
     */
    public SignalSelection select(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidValueException("signals", "signals must name at least one catalogue signal");
        }
        Set<String> unknown = new LinkedHashSet<>();
        List<Signal> known = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null) {
                throw new InvalidValueException("signals", "signals may not contain null");
            }
            Signal signal = byName.get(name);
            if (signal == null) {
                unknown.add(name);
            } else {
                known.add(signal);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownSignalException(List.copyOf(unknown));
        }
        return new SignalSelection(known);
    }
}
