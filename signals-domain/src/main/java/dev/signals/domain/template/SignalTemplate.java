package dev.signals.domain.template;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a signal request computes and how it shows the values (CONTRACT §3.3): a selection of
 * catalogue signals and an amount format. With {@link AmountFormat#BAND} every {@code *_amount}
 * value becomes the STRING band code of {@link #bands()}, null staying null; everything else is a
 * NUMBER. Ids are {@code tpl-} and 1 to 60 of {@code [a-z0-9-]}; {@code tpl-sgn003001} is built in
 * (the 35 default signals, numbers).
 */
public record SignalTemplate(String id, SignalSelection signals, AmountFormat amountFormat, AmountBands bands) {

    /** The id of the built-in template. */
    public static final String BUILT_IN_ID = "tpl-sgn003001";

    /**
     * The id under which an account selection other than the default is kept as a template: the
     * template of an alpha request, or of a beta one without {@code templateId}. No account may
     * define a template by this id.
     */
    public static final String ACCOUNT_SELECTION_ID = "tpl-account-selection";

    private static final Pattern ID = Pattern.compile("tpl-[a-z0-9-]{1,60}");

    private static final SignalTemplate BUILT_IN = new SignalTemplate(BUILT_IN_ID,
            SignalCatalogue.standard().defaultSelection(), AmountFormat.NUMBER, AmountBands.standard());

    /** {@code bands} may be null: the standard bands are used. */
    public SignalTemplate {
        checkId(id);
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(amountFormat, "amountFormat");
        bands = bands == null ? AmountBands.standard() : bands;
    }

    /**
     * Requires {@code tpl-} and 1 to 60 of {@code [a-z0-9-]}.
     *
     * @throws InvalidValueException on field {@code templateId}
     */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException("templateId",
                    "templateId must be 'tpl-' followed by 1 to 60 of a-z, 0-9 and '-', e.g. " + BUILT_IN_ID);
        }
        return id;
    }

    /** {@code tpl-sgn003001}: the 35 default signals, numbers. */
    public static SignalTemplate builtIn() {
        return BUILT_IN;
    }

    /**
     * An account's selection as a template of numbers: the built-in template when it is the 35
     * defaults, which it is until an admin changes it, so that such a request reads through beta as
     * answered with {@code tpl-sgn003001}.
     */
    public static SignalTemplate ofSelection(SignalSelection selection) {
        if (selection.equals(BUILT_IN.signals())) {
            return BUILT_IN;
        }
        return new SignalTemplate(ACCOUNT_SELECTION_ID, selection, AmountFormat.NUMBER, AmountBands.standard());
    }

    /** Whether an account may define a template of this id: any but the built-in and the selection's. */
    public static boolean isReserved(String id) {
        return BUILT_IN_ID.equals(id) || ACCOUNT_SELECTION_ID.equals(id);
    }

    public boolean isBuiltIn() {
        return BUILT_IN_ID.equals(id);
    }

    /**
     * The result's values as items in catalogue order; no items when the result has no data
     * (NO_DATA, CONTRACT §2.2).
     *
     * @throws IllegalArgumentException when the result was not calculated for this template's signals
     */
    public List<ResultItem> format(CalculationResult result) {
        if (!result.hasData()) {
            return List.of();
        }
        if (!result.covers(signals)) {
            throw new IllegalArgumentException("the result holds " + result.signals()
                    + ", not the signals of template " + id);
        }
        List<ResultItem> items = new ArrayList<>(result.values().size());
        for (SignalValue value : result.values()) {
            items.add(format(value));
        }
        return List.copyOf(items);
    }

    private ResultItem format(SignalValue value) {
        String name = value.signal().name();
        if (amountFormat == AmountFormat.BAND && value.signal().isAmount()) {
            return new ResultItem(name, value.value() == null ? null : bands.bandOf(value.value()), ValueType.STRING);
        }
        return new ResultItem(name, value.value(), ValueType.NUMBER);
    }
}
