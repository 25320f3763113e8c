package dev.signals.adapter.persistence;

import dev.signals.domain.catalogue.EventType;

import dev.signals.domain.explanation.Explanation;

import dev.signals.domain.explanation.Evidence;

import dev.signals.application.port.PageCursor;
import dev.signals.application.port.out.LoadSignalRequestPort.Filter;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.RequestStatus;
import dev.signals.domain.request.ResultCode;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;
import dev.signals.domain.template.ValueType;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static dev.signals.adapter.persistence.TestAccounts.A;
import static dev.signals.adapter.persistence.TestAccounts.B;
import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JooqSignalRequestRepositoryTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final Instant T = Instant.parse("2024-08-09T12:55:51.123456Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final PhoneNumber OTHER_PHONE = new PhoneNumber("+639181234567");
    private static final Consent CONSENT = new Consent("[Motor Loans] Terms & Conditions", "2024-08",
            "I agree to ABC Company's Terms & Conditions", Instant.parse("2024-08-08T16:06:00.654321Z"), null);
    private static final SignalTemplate BAND_TEMPLATE = new SignalTemplate("tpl-overdue-bands",
            CATALOGUE.select(List.of("events_overdue_day30", "events_overdue_day30_amount", "events_overdue_day90_amount",
                    "events_overdue_day30_days", "events_debt_day180_amount", "events_overdue_days_since_last")),
            AmountFormat.BAND, new AmountBands(List.of(0L, 500L, 2_500L)));
    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units. */
    private static final String ASTRAL = "\uD83D\uDE00";

    // ---- building requests with the domain's own factories

    /** Ids whose order differs from the order of {@code n}, so that a test cannot pass by insertion order. */
    private static SignalRequestId id(long n) {
        return SignalRequestId.fromUuid(new UUID(0x5DEECE66DL * (n + 1) % 0xFFFF, n));
    }

    /** A request being computed: not yet finished, and so not yet to be stored. */
    private static SignalRequest created(long n, AccountId account, Instant createdAt, Subject subject) {
        return SignalRequest.create(id(n), account, createdAt, null, subject,
                new RequestMeta(PHONE.e164(), null, null, null, CONSENT), SignalTemplate.builtIn());
    }

    private static SignalRequest created(long n, AccountId account, Instant createdAt) {
        return created(n, account, createdAt, new PhoneSubject(PHONE));
    }

    /** A finished request, as the service stores them: here NO_DATA. */
    private static SignalRequest stored(long n, AccountId account, Instant createdAt, Subject subject) {
        return created(n, account, createdAt, subject).complete(CalculationResult.of(false, List.of()));
    }

    private static SignalRequest stored(long n, AccountId account, Instant createdAt) {
        return stored(n, account, createdAt, new PhoneSubject(PHONE));
    }

    /** Counts are never null; of the other values every third is null. */
    private static CalculationResult resultWithData(SignalSelection signals) {
        List<SignalValue> values = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal signal = signals.signals().get(i);
            boolean count = signal.metric() == Metric.COUNT || signal.metric() == Metric.INSTITUTION_COUNT;
            Long value = count ? Long.valueOf(i) : i % 3 == 0 ? null : Long.valueOf(1_000L * i + 1);
            values.add(new SignalValue(signal, value));
        }
        return CalculationResult.of(true, values);
    }

    private static Filter bySubject(Subject subject) {
        return new Filter(null, subject, null, null);
    }

    // ---- round trips

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNoDataRequestRoundTripsEveryField(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var request = SignalRequest.create(id(1), A, T, Instant.parse("2024-08-01T00:00:00.000001Z"),
                    new PhoneSubject(PHONE), new RequestMeta("0917 123 4567", "PH", null, null, CONSENT),
                    SignalTemplate.ofSelection(CATALOGUE.select(List.of("events_overdue_day90_amount"))))
                    .complete(CalculationResult.of(false, List.of()));

            requests.insert(request);

            var loaded = requests.load(A, request.id()).orElseThrow();
            assertThat(loaded).isEqualTo(request);
            assertThat(loaded.status()).isEqualTo(RequestStatus.COMPLETED);
            assertThat(loaded.resultCode()).isEqualTo(ResultCode.NO_DATA);
            assertThat(loaded.resultMessage()).isEqualTo(ResultCode.NO_DATA.resultMessage());
            assertThat(loaded.values()).isEmpty();
            assertThat(loaded.createdAt()).isEqualTo(T);
            assertThat(loaded.asOf()).isEqualTo(Instant.parse("2024-08-01T00:00:00.000001Z"));
            assertThat(loaded.requestMeta().phone()).isEqualTo("0917 123 4567");
            assertThat(loaded.requestMeta().emailAddress()).isNull();
            assertThat(loaded.template().id()).isEqualTo(SignalTemplate.ACCOUNT_SELECTION_ID);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRequestStillBeingComputedIsNotStored(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            assertThatThrownBy(() -> requests.insert(created(1, A, T))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("finished");
            assertThat(db.dsl().fetchCount(SIGNAL_REQUEST)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRequestWithoutAsOfReadsBackWithoutOneAndTheDefaultSelectionAsTheBuiltInTemplate(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var request = SignalRequest.create(id(1), A, T, null, new PhoneSubject(PHONE),
                    new RequestMeta(PHONE.e164(), null, null, null, CONSENT), SignalTemplate.ofSelection(CATALOGUE.defaultSelection()))
                    .complete(CalculationResult.of(false, List.of()));
            requests.insert(request);

            var loaded = requests.load(A, request.id()).orElseThrow();
            assertThat(loaded).isEqualTo(request);
            assertThat(loaded.requestedAsOf()).isEmpty();
            assertThat(loaded.asOf()).isEqualTo(T);
            assertThat(loaded.template()).isEqualTo(SignalTemplate.builtIn());

            // A row stored before the default selection was named tpl-sgn003001 reads as the built-in template.
            db.dsl().update(SIGNAL_REQUEST)
                    .set(SIGNAL_REQUEST.TEMPLATE_ID, SignalTemplate.ACCOUNT_SELECTION_ID)
                    .where(SIGNAL_REQUEST.ID.eq(request.id().value())).execute();
            assertThat(requests.load(A, request.id()).orElseThrow().template()).isEqualTo(SignalTemplate.builtIn());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSuccessfulRequestOfABandTemplateKeepsItsBandsAndEveryValueIncludingNulls(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var request = SignalRequest.create(id(1), A, T, null, new PhoneSubject(PHONE),
                            new RequestMeta(PHONE.e164(), null, null, BAND_TEMPLATE.id(), CONSENT), BAND_TEMPLATE)
                    .complete(resultWithData(BAND_TEMPLATE.signals()));
            assertThat(request.values()).extracting(SignalValue::value).containsNull();

            requests.insert(request);

            var loaded = requests.load(A, request.id()).orElseThrow();
            assertThat(loaded).isEqualTo(request);
            assertThat(loaded.resultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(loaded.template().bands().edges()).containsExactly(0L, 500L, 2_500L);
            assertThat(loaded.values()).isEqualTo(request.values());
            assertThat(loaded.items()).isEqualTo(request.items())
                    .anySatisfy(item -> assertThat(item.valueType()).isEqualTo(ValueType.STRING));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anExplainedRequestKeepsItsExplanationEvidenceForEvidenceAndAnUnexplainedOneHasNone(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            List<Evidence> evidence = List.of(
                    new Evidence("e1", EventType.OVERDUE, T.minusSeconds(86_400), T.minusSeconds(86_000),
                            new BigDecimal("1520.50"), 12, false, Evidence.OWN, "loan-778-overdue-3"),
                    new Evidence("e2", EventType.DEBT, T.minusSeconds(3_600), T.minusSeconds(3_600).plusNanos(1_000),
                            null, null, null, Evidence.other(1), null));
            Map<String, List<String>> refs = new LinkedHashMap<>();
            BAND_TEMPLATE.signals().signals().forEach(signal -> refs.put(signal.name(), List.of()));
            refs.put(BAND_TEMPLATE.signals().signals().get(0).name(), List.of("e1", "e2"));
            Explanation explanation = new Explanation(evidence, refs, true);
            var explained = SignalRequest.create(id(1), A, T, null, new PhoneSubject(PHONE),
                            new RequestMeta(PHONE.e164(), null, null, BAND_TEMPLATE.id(), CONSENT), BAND_TEMPLATE)
                    .complete(resultWithData(BAND_TEMPLATE.signals()), explanation);
            var plain = created(2, A, T, new PhoneSubject(PHONE)).complete(CalculationResult.of(false, List.of()));

            requests.insert(explained);
            requests.insert(plain);

            var loaded = requests.load(A, explained.id()).orElseThrow();
            assertThat(loaded.explanation()).contains(explanation);
            assertThat(loaded).isEqualTo(explained);
            assertThat(loaded.explanation().orElseThrow().evidence().get(0).amount()).isEqualByComparingTo("1520.5");
            assertThat(requests.load(A, plain.id()).orElseThrow().explanation()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void noDataAndErrorRequestsRoundTripWithoutValues(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var noData = created(1, A, T).complete(CalculationResult.of(false, List.of()));
            var unavailable = created(2, A, T).fail(ResultCode.SERVICE_UNAVAILABLE);
            var systemError = created(3, A, T).fail(ResultCode.SYSTEM_ERROR);

            for (var request : List.of(noData, unavailable, systemError)) {
                requests.insert(request);
                assertThat(requests.load(A, request.id())).contains(request);
            }

            assertThat(requests.load(A, noData.id()).orElseThrow().resultCode()).isEqualTo(ResultCode.NO_DATA);
            assertThat(requests.load(A, unavailable.id()).orElseThrow().status()).isEqualTo(RequestStatus.ERROR);
            assertThat(requests.load(A, systemError.id()).orElseThrow().resultMessage())
                    .isEqualTo(ResultCode.SYSTEM_ERROR.resultMessage());
            assertThat(db.dsl().fetchCount(SIGNAL_REQUEST, SIGNAL_REQUEST.RESULT_VALUES.isNull())).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void hashAndEmailSubjectsAndAConsentFromATemplateRoundTrip(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var fromTemplate = new Consent(null, null, "I agree", T.minusSeconds(60),
                    ConsentTemplateId.fromUuid(UUID.fromString("fa84d4ec-5a06-4c89-8b62-b46b7affbcd5")));
            String sentHash = PHONE.md5WithoutPlus().toUpperCase(Locale.ROOT);
            var byHash = SignalRequest.create(id(1), A, T, null, new PhoneHashSubject(new Md5Hash(sentHash)),
                    new RequestMeta(sentHash, null, null, null, fromTemplate), SignalTemplate.builtIn()).complete(CalculationResult.of(false, List.of()));
            var byEmail = SignalRequest.create(id(2), A, T, null,
                    new EmailSubject(new EmailAddress(" Jane.Doe@Example.com ")),
                    new RequestMeta(null, "PH", " Jane.Doe@Example.com ", SignalTemplate.BUILT_IN_ID, CONSENT),
                    SignalTemplate.builtIn()).complete(CalculationResult.of(false, List.of()));

            requests.insert(byHash);
            requests.insert(byEmail);

            assertThat(requests.load(A, byHash.id())).contains(byHash);
            assertThat(requests.load(A, byHash.id()).orElseThrow().consent().type()).isNull();
            assertThat(requests.load(A, byEmail.id())).contains(byEmail);
            assertThat(requests.load(A, byEmail.id()).orElseThrow().subject().lookupKey())
                    .isEqualTo("email:jane.doe@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void timestampsAtTheEndsOfTheDomainsRangeRoundTripToTheMicrosecond(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            Instant latest = Instant.parse("9999-12-31T23:59:59.999999Z");
            Instant earliest = Instant.parse("0001-01-01T00:00:00Z");
            var consent = new Consent("type", "1", "I agree", Instant.parse("0001-01-01T00:00:00.000001Z"), null);
            var request = SignalRequest.create(id(1), A, latest, earliest, new PhoneSubject(PHONE),
                    new RequestMeta(PHONE.e164(), null, null, null, consent), SignalTemplate.builtIn()).complete(CalculationResult.of(false, List.of()));

            requests.insert(request);

            var loaded = requests.load(A, request.id()).orElseThrow();
            assertThat(loaded.createdAt()).isEqualTo(latest);
            assertThat(loaded.asOf()).isEqualTo(earliest);
            assertThat(loaded.consent().consentedAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00.000001Z"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theWholeCatalogueWithTheLargestValuesAndTheLongestConsentFits(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var everything = new SignalTemplate("tpl-" + "x".repeat(60), CATALOGUE.allSignals(), AmountFormat.BAND,
                    new AmountBands(List.of(0L, Long.MAX_VALUE - 1)));
            var longestConsent = new Consent(ASTRAL.repeat(200), ASTRAL.repeat(64), ASTRAL.repeat(2000), T, null);
            var largest = CalculationResult.of(true, CATALOGUE.all().stream()
                    .map(signal -> new SignalValue(signal, Long.MAX_VALUE)).toList());
            var request = SignalRequest.create(id(1), A, T, null, new EmailSubject(new EmailAddress(
                            "a".repeat(64) + "@" + "b".repeat(185) + ".com")),
                            new RequestMeta(null, null, "a".repeat(64) + "@" + "b".repeat(185) + ".com", everything.id(),
                                    longestConsent), everything)
                    .complete(largest);

            requests.insert(request);

            assertThat(requests.load(A, request.id())).contains(request);
        }
    }

    // ---- writing

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void insertStoresTheDigestsOfTheSubjectItIsFoundBy(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var byPhone = stored(1, A, T, new PhoneSubject(PHONE));
            var byHash = stored(2, A, T, new PhoneHashSubject(new Md5Hash(PHONE.md5WithoutPlus())));
            var byEmail = stored(3, A, T, new EmailSubject(new EmailAddress("jane@example.com")));
            for (var request : List.of(byPhone, byHash, byEmail)) {
                requests.insert(request);
            }

            HexFormat hex = HexFormat.of();
            assertThat(digestsOf(db, byPhone)).containsExactly(hex.parseHex(PHONE.md5WithPlus()), hex.parseHex(PHONE.md5WithoutPlus()));
            assertThat(digestsOf(db, byHash)).containsExactly(hex.parseHex(PHONE.md5WithoutPlus()), null);
            assertThat(digestsOf(db, byEmail)).containsExactly(hex.parseHex(Md5Hash.digestOf("email:jane@example.com").hex()), null);
        }
    }

    private static List<byte[]> digestsOf(StartedDatabase db, SignalRequest request) {
        var row = db.dsl().select(SIGNAL_REQUEST.SUBJECT_DIGEST, SIGNAL_REQUEST.SUBJECT_ALIAS_DIGEST).from(SIGNAL_REQUEST)
                .where(SIGNAL_REQUEST.ID.eq(request.id().value())).fetchOne();
        return java.util.Arrays.asList(row.value1(), row.value2());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anInsertThatFailsLeavesNoRequestBehind(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            // Only this test's table refuses the phone, so the insert fails.
            db.dsl().execute("ALTER TABLE signal_request ADD CONSTRAINT ck_test_refuses_a_key"
                    + " CHECK (subject_key <> 'tel:" + PHONE.e164() + "')");

            assertThatThrownBy(() -> requests.insert(stored(1, A, T, new PhoneSubject(PHONE))))
                    .isInstanceOf(DataAccessException.class);

            assertThat(requests.load(A, id(1))).isEmpty();
            assertThat(db.dsl().fetchCount(SIGNAL_REQUEST)).isZero();
        }
    }

    // ---- reading within an account

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anotherAccountCanNeitherLoadNorListARequest(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var ofA = stored(1, A, T);
            requests.insert(ofA);

            assertThat(requests.load(B, ofA.id())).isEmpty();
            assertThat(requests.list(B, Filter.NONE, null, 10)).isEmpty();
            assertThat(requests.list(B, new Filter(ofA.id(), null, null, null), null, 10)).isEmpty();
            assertThat(requests.list(B, bySubject(new PhoneSubject(PHONE)), null, 10)).isEmpty();
            assertThat(requests.list(A, Filter.NONE, null, 10)).containsExactly(ofA);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagingReturnsEveryRequestOnceNewestFirstWithTiesBrokenById(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            Instant[] createdAts = {T, T, T, T.minusNanos(1_000), T.minusNanos(1_000), T.plusSeconds(60),
                    T.minusSeconds(3_600), T};
            List<SignalRequest> stored = new ArrayList<>();
            for (int n = 0; n < createdAts.length; n++) {
                stored.add(stored(n, A, createdAts[n]));
                requests.insert(stored.get(n));
            }
            requests.insert(stored(99, B, T));

            List<SignalRequest> seen = new ArrayList<>();
            PageCursor cursor = null;
            List<SignalRequest> page;
            do {
                page = requests.list(A, Filter.NONE, cursor, 3);
                seen.addAll(page);
                if (!page.isEmpty()) {
                    SignalRequest last = page.get(page.size() - 1);
                    cursor = new PageCursor(last.createdAt(), last.id().value());
                }
                // Created while the client pages: newer than every cursor, so never part of this walk.
                requests.insert(stored(100 + seen.size(), A, T.plusSeconds(3_600 + seen.size())));
            } while (page.size() == 3);

            assertThat(seen).containsExactlyElementsOf(stored.stream()
                    .sorted(Comparator.comparing(SignalRequest::createdAt)
                            .thenComparing(request -> request.id().value()).reversed())
                    .toList());
        }
    }

    /**
     * A page reads its own rows from the page index, in order, and stops: not every request of the account, which
     * grows with all of its history. H2's own account of the query (EXPLAIN ANALYZE) says which index it read, that
     * the index gave the order, and how many rows it read (of the account's 200, the other's 200).
     */
    @org.junit.jupiter.api.Test
    void aPageOfTheNewestRequestsReadsOnlyItsOwnRowsFromThePageIndexOnH2() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            for (int n = 0; n < 200; n++) {
                requests.insert(stored(n, A, T.plusSeconds(n)));
                requests.insert(stored(1_000 + n, B, T.plusSeconds(n)));
            }
            for (PageCursor cursor : java.util.Arrays.asList(null, new PageCursor(T.plusSeconds(150), id(150).value()))) {
                String sql = JooqSignalRequestRepository.page(db.dsl(), A, Filter.NONE, cursor, 10)
                        .getSQL(org.jooq.conf.ParamType.INLINED);
                String plan = String.valueOf(db.dsl().fetchValue("EXPLAIN ANALYZE " + sql));
                assertThat(plan).as(plan).contains("IX_SIGNAL_REQUEST_PAGE").contains("/* index sorted */");
                var scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertThat(scanned.find()).as(plan).isTrue();
                // The page's 10 rows, and at most the one after them.
                assertThat(Integer.parseInt(scanned.group(1))).as(plan).isBetween(10, 11);
            }
        }
    }

    /** A page filtered by a subject reads the subject's requests by their ids, not every request of the account. */
    @org.junit.jupiter.api.Test
    void aPageOfOneSubjectsRequestsReadsThemByTheirDigestsOnH2() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            for (int n = 0; n < 200; n++) {
                requests.insert(stored(n, A, T.plusSeconds(n), new PhoneSubject(n % 50 == 0 ? OTHER_PHONE : PHONE)));
            }
            String sql = JooqSignalRequestRepository.page(db.dsl(), A, bySubject(new PhoneSubject(OTHER_PHONE)), null, 10)
                    .getSQL(org.jooq.conf.ParamType.INLINED);
            String plan = String.valueOf(db.dsl().fetchValue("EXPLAIN ANALYZE " + sql));
            // The outer scan is the one at the first level of indentation; the digest lookups are nested in it.
            var outer = java.util.regex.Pattern.compile("(?m)^    /\\* scanCount: (\\d+) \\*/").matcher(plan);
            assertThat(outer.find()).as(plan).isTrue();
            assertThat(plan).as(plan).contains("PRIMARY_KEY");
            assertThat(Integer.parseInt(outer.group(1))).as(plan).isLessThanOrEqualTo(5); // the subject's 4 requests
            assertThat(requests.list(A, bySubject(new PhoneSubject(OTHER_PHONE)), null, 10)).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theIdFilterFindsOnlyThatRequest(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var wanted = stored(1, A, T);
            requests.insert(wanted);
            requests.insert(stored(2, A, T));

            assertThat(requests.list(A, new Filter(wanted.id(), null, null, null), null, 10)).containsExactly(wanted);
            assertThat(requests.list(A, new Filter(id(3), null, null, null), null, 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theSubjectFilterFindsRequestsMadeWithAnotherFormOfTheSamePhone(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            var byNumber = stored(1, A, T, new PhoneSubject(PHONE));
            var byHashWithoutPlus = stored(2, A, T.minusSeconds(1),
                    new PhoneHashSubject(new Md5Hash(PHONE.md5WithoutPlus())));
            var byOtherNumber = stored(3, A, T, new PhoneSubject(OTHER_PHONE));
            var byEmail = stored(4, A, T, new EmailSubject(new EmailAddress("jane@example.com")));
            for (var request : List.of(byNumber, byHashWithoutPlus, byOtherNumber, byEmail)) {
                requests.insert(request);
            }

            // The service filters by the keys of the subject the client named.
            assertThat(requests.list(A, bySubject(new PhoneSubject(PHONE)), null, 10))
                    .containsExactly(byNumber, byHashWithoutPlus);
            assertThat(requests.list(A, bySubject(new PhoneHashSubject(new Md5Hash(PHONE.md5WithoutPlus()))), null, 10))
                    .containsExactly(byNumber, byHashWithoutPlus);
            // The hash with '+' is a key of the number, not of the other hash: only the request by number knows it.
            assertThat(requests.list(A, bySubject(new PhoneHashSubject(new Md5Hash(PHONE.md5WithPlus()))), null, 10))
                    .containsExactly(byNumber);
            assertThat(requests.list(A, bySubject(new EmailSubject(new EmailAddress("Jane@Example.com"))), null, 10))
                    .containsExactly(byEmail);
            assertThat(requests.list(A, bySubject(new EmailSubject(new EmailAddress("john@example.com"))), null, 10))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theDateFilterIncludesFromAndExcludesUntil(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            Instant from = Instant.parse("2024-08-09T00:00:00Z");
            Instant until = from.plus(Duration.ofDays(1));
            var justBefore = stored(1, A, from.minusNanos(1_000));
            var atFrom = stored(2, A, from);
            var lastOfTheDay = stored(3, A, until.minusNanos(1_000));
            var atUntil = stored(4, A, until);
            for (var request : List.of(justBefore, atFrom, lastOfTheDay, atUntil)) {
                requests.insert(request);
            }

            assertThat(requests.list(A, new Filter(null, null, from, until), null, 10))
                    .containsExactly(lastOfTheDay, atFrom);
            assertThat(requests.list(A, new Filter(null, null, from, null), null, 10))
                    .containsExactly(atUntil, lastOfTheDay, atFrom);
            assertThat(requests.list(A, new Filter(null, null, null, from), null, 10))
                    .containsExactly(justBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void filtersAndTheCursorNarrowTogether(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            List<SignalRequest> ofPhone = new ArrayList<>();
            for (int n = 0; n < 6; n++) {
                var request = stored(n, A, T.plusSeconds(n), new PhoneSubject(n % 2 == 0 ? PHONE : OTHER_PHONE));
                requests.insert(request);
                if (n % 2 == 0) {
                    ofPhone.add(0, request);
                }
            }
            var filter = new Filter(null, new PhoneSubject(PHONE), T, T.plusSeconds(5));

            var first = requests.list(A, filter, null, 2);
            var last = first.get(1);
            var second = requests.list(A, filter, new PageCursor(last.createdAt(), last.id().value()), 2);

            assertThat(first).containsExactly(ofPhone.get(0), ofPhone.get(1));
            assertThat(second).containsExactly(ofPhone.get(2));
        }
    }

    // ---- unfinished requests after a restart
}
