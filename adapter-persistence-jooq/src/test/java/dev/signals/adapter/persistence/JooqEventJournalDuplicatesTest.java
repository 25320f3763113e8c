package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.EventRecord;
import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.signals.adapter.persistence.EventJournalFixture.EMAIL;
import static dev.signals.adapter.persistence.EventJournalFixture.INSTITUTION;
import static dev.signals.adapter.persistence.EventJournalFixture.OTHER_INSTITUTION;
import static dev.signals.adapter.persistence.EventJournalFixture.PHONE;
import static dev.signals.adapter.persistence.EventJournalFixture.T;
import static dev.signals.adapter.persistence.EventJournalFixture.numbered;
import static dev.signals.adapter.persistence.EventJournalFixture.outcomes;
import static dev.signals.adapter.persistence.EventJournalFixture.overdue;
import static dev.signals.adapter.persistence.EventJournalFixture.replayed;
import static dev.signals.adapter.persistence.EventJournalFixture.withAmount;
import static dev.signals.adapter.persistence.EventJournalFixture.withReportedAt;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An event id the institution already reported is a duplicate when the event is the same (whatever its
 * {@code reportedAt}) and a conflict when it is not; the stored event stays. Ids are unique per institution, and
 * a batch, of up to 10,000 events, is looked up through the unique index. On both databases.
 */
class JooqEventJournalDuplicatesTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void appendingTheSameEventsAgainIsADuplicateEvenWithAnotherReportedAtAndStoresNothing(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var first = overdue("e-1");
            var second = numbered(INSTITUTION, 2);
            outcomes(journal, INSTITUTION, List.of(first, second));

            var outcomes = outcomes(journal, INSTITUTION, List.of(second, withReportedAt(first, T.plusSeconds(86_400))));

            assertThat(outcomes).containsExactly(Appended.DUPLICATE, Appended.DUPLICATE);
            assertThat(replayed(journal)).containsExactlyInAnyOrder(first, second);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEventIdStoredWithOtherContentIsAConflictAndTheStoredEventStays(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var stored = overdue("e-1");
            outcomes(journal, INSTITUTION, List.of(stored));
            var changes = List.of(
                    new Event("e-1", INSTITUTION, EventType.DEBT, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), null, null),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, new PhoneNumber("+639181234567"), EMAIL, T, T,
                            new BigDecimal("1520.50"), 12, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, null, T, T, new BigDecimal("1520.50"), 12, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T.minusNanos(1_000), T,
                            new BigDecimal("1520.50"), 12, false),
                    withAmount(stored, new BigDecimal("1520.51")),
                    withAmount(stored, null),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), 13, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), 12, null));

            for (Event changed : changes) {
                assertThat(outcomes(journal, INSTITUTION, List.of(changed))).as("%s", changed).containsExactly(Appended.CONFLICT);
            }

            assertThat(replayed(journal)).containsExactly(stored);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void oneBatchOfNewDuplicateAndConflictingEventsIsAnsweredInItsOwnOrder(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            outcomes(journal, INSTITUTION, List.of(numbered(INSTITUTION, 1), numbered(INSTITUTION, 2)));

            var outcomes = outcomes(journal, INSTITUTION, List.of(
                    numbered(INSTITUTION, 9),
                    withAmount(numbered(INSTITUTION, 2), new BigDecimal("7.00")),
                    numbered(INSTITUTION, 1),
                    numbered(INSTITUTION, 3)));

            assertThat(outcomes).containsExactly(Appended.NEW, Appended.CONFLICT, Appended.DUPLICATE, Appended.NEW);
            assertThat(replayed(journal)).containsExactlyInAnyOrder(numbered(INSTITUTION, 1), numbered(INSTITUTION, 2),
                    numbered(INSTITUTION, 3), numbered(INSTITUTION, 9));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEventIdRepeatedWithinOneBatchIsStoredOnceAndTheRepeatsAreDuplicatesOrConflicts(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var event = overdue("e-1");

            var outcomes = outcomes(journal, INSTITUTION, List.of(event, withReportedAt(event, T), withAmount(event, null)));

            assertThat(outcomes).containsExactly(Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT);
            assertThat(replayed(journal)).containsExactly(event);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aStoredEventIdRepeatedInALaterBatchIsComparedWithTheStoredEventEachTime(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var event = overdue("e-1");
            outcomes(journal, INSTITUTION, List.of(event));

            var outcomes = outcomes(journal, INSTITUTION, List.of(withAmount(event, null), overdue("e-2"),
                    withReportedAt(event, T), withAmount(event, null)));

            assertThat(outcomes).containsExactly(Appended.CONFLICT, Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT);
            assertThat(replayed(journal)).containsExactly(event, overdue("e-2"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void eventIdsAreUniquePerInstitutionOnly(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var ours = numbered(INSTITUTION, 1);
            var theirs = numbered(OTHER_INSTITUTION, 1);

            assertThat(outcomes(journal, INSTITUTION, List.of(ours))).containsExactly(Appended.NEW);
            assertThat(outcomes(journal, OTHER_INSTITUTION, List.of(theirs))).containsExactly(Appended.NEW);
            assertThat(outcomes(journal, OTHER_INSTITUTION, List.of(theirs))).containsExactly(Appended.DUPLICATE);

            assertThat(replayed(journal)).containsExactly(ours, theirs);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchHoldingAnotherInstitutionsEventIsRefusedWithNothingStored(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());

            assertThatThrownBy(() -> outcomes(journal, INSTITUTION, List.of(numbered(INSTITUTION, 1), numbered(OTHER_INSTITUTION, 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loan-0000002 belongs to institution inst-b, not to inst-a");
            assertThat(outcomes(journal, INSTITUTION, List.of())).isEmpty();

            assertThat(db.dsl().fetchCount(EVENT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tenThousandEventsInOneCallAreStoredOnceAndRecognisedInTheNextCall(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            List<Event> events = numbered(0, 10_000);

            assertThat(outcomes(journal, INSTITUTION, events)).hasSize(10_000).containsOnly(Appended.NEW);
            assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(10_000);

            // Half of them again, every other one changed, and 5,000 new ones: across every lookup chunk.
            List<Event> again = new ArrayList<>();
            for (int n = 5_000; n < 15_000; n++) {
                Event event = numbered(INSTITUTION, n);
                again.add(n < 10_000 && n % 2 == 1 ? withAmount(event, new BigDecimal("1.00")) : event);
            }
            List<Appended> outcomes = outcomes(journal, INSTITUTION, again);

            assertThat(outcomes).hasSize(10_000);
            for (int i = 0; i < again.size(); i++) {
                int n = 5_000 + i;
                Appended expected = n >= 10_000 ? Appended.NEW : n % 2 == 1 ? Appended.CONFLICT : Appended.DUPLICATE;
                assertThat(outcomes.get(i)).as("event %d", n).isEqualTo(expected);
            }
            assertThat(replayed(journal)).containsExactlyElementsOf(numbered(0, 15_000));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchIsLookedUpThroughTheUniqueKeyRatherThanByReadingTheInstitutionsRows(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            outcomes(journal, INSTITUTION, numbered(0, 3_000));
            var lookup = JooqEventJournal.lookup(db.dsl(), new EventKeys(kind == DatabaseKind.POSTGRES), INSTITUTION,
                    List.of("loan-0000007", "loan-0001234", "loan-9999999"));

            String plan = db.dsl().fetch("explain analyze " + lookup.getSQL(), lookup.getBindValues().toArray()).stream()
                    .map(row -> row.get(0, String.class))
                    .collect(Collectors.joining("\n"));

            assertThat(lookup.fetch()).extracting(EventRecord::getEventId)
                    .containsExactlyInAnyOrder("loan-0000007", "loan-0001234");
            switch (kind) {
                case H2 -> {
                    // H2 counts the rows it visited: a handful through the index, 3,000 when it reads them all.
                    Matcher scanCount = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                    assertThat(scanCount.find()).as(plan).isTrue();
                    assertThat(Integer.parseInt(scanCount.group(1))).as(plan).isLessThan(10);
                }
                case POSTGRES -> {
                    // the ids through event_key's key, then each event by its seq from its month's partition's
                    // primary key: never through the institution's rows (a hash join once read them all through the
                    // phone index, issue 19's soak), and no scan of a whole partition
                    var keysLookup = EventKeys.keysOf(db.dsl(), INSTITUTION, List.of("loan-0000007", "loan-0001234", "loan-9999999"));
                    String keysPlan = db.dsl().fetch("explain " + keysLookup.getSQL(), keysLookup.getBindValues().toArray())
                            .stream().map(row -> row.get(0, String.class)).collect(Collectors.joining("\n"));
                    assertThat(keysPlan).contains("pk_event_key");
                    assertThat(plan).contains("_pkey").doesNotContain("phone").doesNotContain("email_address")
                            .doesNotContain("Seq Scan");
                }
            }
        }
    }
}
