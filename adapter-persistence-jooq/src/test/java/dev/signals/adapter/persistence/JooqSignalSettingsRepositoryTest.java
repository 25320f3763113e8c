package dev.signals.adapter.persistence;

import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.LongStream;

import static dev.signals.adapter.persistence.TestAccounts.A;
import static dev.signals.adapter.persistence.TestAccounts.B;
import static org.assertj.core.api.Assertions.assertThat;

class JooqSignalSettingsRepositoryTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final SignalSelection OVERDUE = CATALOGUE.select(List.of(
            "events_overdue_day90_amount", "events_overdue_day30", "events_overdue_days_since_last"));
    private static final SignalSelection LOANS = CATALOGUE.select(List.of(
            "events_loan_disbursement_day30_amount", "events_loan_disbursement_day180"));

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAccountHasNoSelectionUntilOneIsSavedAndASavedOneReplacesThePrevious(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var settings = new JooqSignalSettingsRepository(db.database());

            assertThat(settings.selection(A)).isEmpty();

            settings.saveSelection(A, OVERDUE);
            assertThat(settings.selection(A)).contains(OVERDUE);
            assertThat(settings.selection(A).orElseThrow().names()).containsExactly(
                    "events_overdue_day30", "events_overdue_day90_amount", "events_overdue_days_since_last");

            settings.saveSelection(A, LOANS);
            assertThat(settings.selection(A)).contains(LOANS);
            assertThat(settings.selection(B)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void templatesRoundTripWithTheirFormatAndBandsAndAreListedById(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var settings = new JooqSignalSettingsRepository(db.database());
            var numbers = new SignalTemplate("tpl-numbers", LOANS, AmountFormat.NUMBER, null);
            var bands = new SignalTemplate("tpl-bands", OVERDUE, AmountFormat.BAND, new AmountBands(List.of(0L, 500L, 2500L)));

            settings.saveTemplate(A, numbers);
            settings.saveTemplate(A, bands);

            assertThat(settings.template(A, "tpl-numbers")).contains(numbers);
            assertThat(settings.template(A, "tpl-numbers").orElseThrow().bands()).isEqualTo(AmountBands.standard());
            assertThat(settings.template(A, "tpl-bands")).contains(bands);
            assertThat(settings.templates(A)).containsExactly(bands, numbers);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void savingATemplateAgainReplacesIt(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var settings = new JooqSignalSettingsRepository(db.database());
            settings.saveTemplate(A, new SignalTemplate("tpl-mine", LOANS, AmountFormat.NUMBER, null));
            var replacement = new SignalTemplate("tpl-mine", OVERDUE, AmountFormat.BAND, new AmountBands(List.of(100L)));

            settings.saveTemplate(A, replacement);

            assertThat(settings.templates(A)).containsExactly(replacement);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anotherAccountSeesNeitherTheTemplatesNorTheSelection(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var settings = new JooqSignalSettingsRepository(db.database());
            var ofA = new SignalTemplate("tpl-mine", LOANS, AmountFormat.NUMBER, null);
            settings.saveTemplate(A, ofA);
            settings.saveSelection(A, OVERDUE);
            var ofB = new SignalTemplate("tpl-mine", OVERDUE, AmountFormat.BAND, null);

            assertThat(settings.template(B, "tpl-mine")).isEmpty();
            assertThat(settings.templates(B)).isEmpty();
            settings.saveTemplate(B, ofB);

            assertThat(settings.template(B, "tpl-mine")).contains(ofB);
            assertThat(settings.template(A, "tpl-mine")).contains(ofA);
            assertThat(settings.selection(B)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theWholeCatalogueAndFiftyOfTheLargestBandEdgesFit(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var settings = new JooqSignalSettingsRepository(db.database());
            var largestEdges = LongStream.range(0, 50).map(i -> Long.MAX_VALUE - 49 + i).boxed().toList();
            var everything = new SignalTemplate("tpl-" + "x".repeat(60), CATALOGUE.allSignals(), AmountFormat.BAND,
                    new AmountBands(largestEdges));

            settings.saveSelection(A, CATALOGUE.allSignals());
            settings.saveTemplate(A, everything);

            assertThat(settings.selection(A)).contains(CATALOGUE.allSignals());
            assertThat(settings.template(A, everything.id())).contains(everything);
        }
    }
}
