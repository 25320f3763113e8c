package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.Page;
import dev.signals.application.port.in.ApiVersion;
import dev.signals.application.port.in.ConsentCommand;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.application.subject.SubjectParser;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.request.IdempotencyKeyReusedException;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Horizon;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.request.RequestStatus;
import dev.signals.domain.request.ResultCode;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.subject.SubjectKeys;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalRequestServiceTest {

    private static final Instant NOW = Instant.parse("2024-08-09T12:55:51Z");
    private static final AccountId LENDER = new AccountId("acc-lender");
    private static final InstitutionId LENDER_INSTITUTION = new InstitutionId("lender");
    private static final AccountId OTHER = new AccountId("acc-other");
    private static final String PHONE = "+639171234567";

    private final MovingClock clock = new MovingClock(NOW);
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Map<String, List<Event>> eventsByKey = new java.util.HashMap<>();
    private final AtomicReference<RuntimeException> eventSourceFailure = new AtomicReference<>();
    /** The index's horizon: of the events before it, the index holds only each type's latest (issue 18). */
    private final AtomicReference<Horizon> indexHorizon = new AtomicReference<>(Horizon.NONE);
    private final AtomicReference<RuntimeException> journalFailure = new AtomicReference<>();
    private final CommandValidation validation = new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator());
    private final ConsentTemplateService consentTemplates = new ConsentTemplateService(ports, validation, clock);
    private final SignalSettingsService settings = new SignalSettingsService(SignalCatalogue.standard(), ports, ports, validation);
    private final LoadSubjectEventsPort events = new LoadSubjectEventsPort() {
        @Override
        public EventHistory eventsOf(Subject subject) {
            if (eventSourceFailure.get() != null) {
                throw eventSourceFailure.get();
            }
            List<Event> events = eventsByKey.getOrDefault(subject.lookupKey(), List.of());
            EventHistory all = EventHistory.of(events, retractions.stream().filter(r -> events.contains(r.event())).toList());
            Horizon.Holding holding = indexHorizon.get().holding(all);
            List<Event> kept = java.util.stream.IntStream.range(0, events.size()).filter(i -> holding.held()[i]).mapToObj(events::get).toList();
            return new HeldHistory(EventHistory.of(kept, retractions.stream().filter(r -> kept.contains(r.event())).toList()),
                    holding.horizon());
        }

        @Override
        public Optional<PhoneNumber> phoneOf(Md5Hash hash) {
            return eventsByKey.values().stream().flatMap(List::stream).map(Event::phone).filter(Objects::nonNull)
                    .filter(phone -> phone.md5WithPlus().equals(hash.hex()) || phone.md5WithoutPlus().equals(hash.hex()))
                    .findFirst();
        }
    };
    /** The journal's records: the same events, and the retractions the test made. */
    private final List<RetractedEvent> retractions = new ArrayList<>();
    private final SubjectRecordsPort records = new SubjectRecordsPort() {
        @Override
        public SubjectRecords ofPhone(PhoneNumber phone, Set<InstitutionId> institutions) {
            return recordsOf(SubjectKeys.phoneKey(phone), institutions);
        }

        @Override
        public SubjectRecords ofEmailAddress(EmailAddress emailAddress, Set<InstitutionId> institutions) {
            return recordsOf(SubjectKeys.emailKey(emailAddress), institutions);
        }

        @Override
        public SubjectRecords allOfPhone(PhoneNumber phone) {
            return recordsOf(SubjectKeys.phoneKey(phone), null);
        }

        @Override
        public SubjectRecords allOfEmailAddress(EmailAddress emailAddress) {
            return recordsOf(SubjectKeys.emailKey(emailAddress), null);
        }

        /** The subject's events of these institutions, or all of them for null. */
        private SubjectRecords recordsOf(String key, Set<InstitutionId> institutions) {
            if (journalFailure.get() != null) {
                throw journalFailure.get();
            }
            List<Event> events = eventsByKey.getOrDefault(key, List.of()).stream()
                    .filter(event -> institutions == null || institutions.contains(event.institutionId())).toList();
            return new SubjectRecords(events, retractions.stream().filter(r -> events.contains(r.event())).toList());
        }
    };
    private final SignalRequestService service = new SignalRequestService(ports, ports, events, records, ports, ports,
            SignalCatalogue.standard(), new SubjectParser(), new SignalCalculator(), validation, clock);

    SignalRequestServiceTest() {
        ports.insert(new Account(LENDER, "Lender", new InstitutionId("lender"), "key_0123456789abcdef", NOW), "hash");
        ports.insert(new Account(OTHER, "Other", new InstitutionId("other"), "key_fedcba9876543210", NOW), "hash");
    }

    @Test
    void aSubjectWithoutEventsCompletesWithNoDataAndIsStoredOnce() {
        SignalRequest request = service.request(alpha(PHONE, null));

        assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(request.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(request.values()).isEmpty();
        assertThat(request.asOf()).isEqualTo(request.createdAt());
        assertThat(ports.requests).containsOnlyKeys(request.id());
        assertThat(ports.requests.get(request.id()).status()).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void alphaComputesTheAccountsSelectionFromTheSubjectsEvents() {
        disbursement("loan-1", "lender", NOW.minus(Duration.ofDays(3)), "1000.50");
        disbursement("loan-2", "other", NOW.minus(Duration.ofDays(40)), "500");

        SignalRequest request = service.request(alpha(PHONE, null));

        assertThat(request.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(request.values()).hasSize(35);
        assertThat(value(request, "events_loan_disbursement_day30")).isEqualTo(1L);
        assertThat(value(request, "events_loan_disbursement_day90")).isEqualTo(2L);
        assertThat(value(request, "events_loan_disbursement_day90_institution_count")).isEqualTo(2L);
        assertThat(value(request, "events_loan_disbursement_days_since_last")).isEqualTo(3L);
        assertThat(value(request, "events_overdue_day30_amount")).isNull();
    }

    @Test
    void aNationalNumberWithItsCountryFindsTheSameEventsAsE164() {
        disbursement("loan-1", "lender", NOW.minus(Duration.ofDays(1)), null);

        SignalRequest request = service.request(command(ApiVersion.ALPHA, "09171234567", "PH", null, consent(), null));

        assertThat(request.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(request.requestMeta().phone()).isEqualTo("09171234567");
        assertThat(request.requestMeta().countryCode()).isEqualTo("PH");
    }

    @Test
    void asOfInThePastHidesEventsReportedAfterIt() {
        disbursement("loan-1", "lender", NOW.minus(Duration.ofDays(3)), null);

        SignalRequest request = service.request(command(ApiVersion.ALPHA, PHONE, null, null, consent(), NOW.minus(Duration.ofDays(5))));

        assertThat(request.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(request.asOf()).isEqualTo(NOW.minus(Duration.ofDays(5)));
    }

    /**
     * Issue 18: the index holds, of the events before its horizon, each type's latest; a request whose windows reach
     * before the horizon reads the subject's whole history from the journal, and one inside it does not read it.
     */
    @Test
    void aRequestWhoseWindowsReachBeforeTheIndexsHorizonReadsTheJournal() {
        disbursement("loan-old-1", "lender", NOW.minus(Duration.ofDays(260)), "100");
        disbursement("loan-old-2", "other", NOW.minus(Duration.ofDays(250)), "200");
        disbursement("loan-new", "lender", NOW.minus(Duration.ofDays(10)), "300");
        indexHorizon.set(Horizon.at(Micros.of(NOW.minus(Duration.ofDays(210)))));
        String day180 = "events_loan_disbursement_day180";

        SignalRequest back = service.request(command(ApiVersion.ALPHA, PHONE, null, null, consent(), NOW.minus(Duration.ofDays(100))));
        SignalRequest explainedBack = service.request(explained(command(ApiVersion.ALPHA, PHONE, null, null, consent(),
                NOW.minus(Duration.ofDays(100)))));
        journalFailure.set(new StorageUnavailableException("the database cannot be reached", null));
        SignalRequest now = service.request(alpha(PHONE, null));

        assertThat(value(back, day180)).as("both old disbursements, one of which the index let go").isEqualTo(2L);
        assertThat(value(explainedBack, day180)).isEqualTo(2L);
        assertThat(value(now, day180)).isEqualTo(1L);
        assertThat(value(now, "events_loan_disbursement_days_since_last")).isEqualTo(10L);
        int stored = ports.requests.size();
        assertThatThrownBy(() -> service.request(command(ApiVersion.ALPHA, PHONE, null, null, consent(), NOW.minus(Duration.ofDays(100)))))
                .as("a journal that cannot be reached fails the request, which is not stored")
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(ports.requests).hasSize(stored);
    }

    @Test
    void aCalculationThatFailsEndsTheRequestInSystemErrorAndStoresItFinished() {
        eventSourceFailure.set(new IllegalStateException("a bug"));

        SignalRequest request = service.request(alpha(PHONE, null));

        assertThat(request.status()).isEqualTo(RequestStatus.ERROR);
        assertThat(request.resultCode()).isEqualTo(ResultCode.SYSTEM_ERROR);
        assertThat(ports.requests.get(request.id())).isEqualTo(request);
    }

    @Test
    void asOfLaterThanNowIsRejected() {
        assertThatThrownBy(() -> service.request(command(ApiVersion.ALPHA, PHONE, null, null, consent(), NOW.plusSeconds(60))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("asOf"));
    }

    @Test
    void anotherAccountsRequestAndAMalformedIdAreNotFound() {
        SignalRequest mine = service.request(alpha(PHONE, null));

        assertThat(service.get(LENDER, mine.id().value())).isEqualTo(mine);
        assertThatThrownBy(() -> service.get(OTHER, mine.id().value())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get(LENDER, "signal-nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pagingReturnsEveryRequestOnceNewestFirst() {
        List<SignalRequest> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            created.add(service.request(alpha(PHONE, null)));
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        Set<String> seen = new HashSet<>();
        List<Instant> order = new ArrayList<>();
        String cursor = null;
        do {
            Page<SignalRequest> page = service.list(new ListSignalRequestsCommand(LENDER, 5, cursor, null, null, null, null, null, null));
            page.items().forEach(r -> {
                assertThat(seen.add(r.id().value())).as("returned once: %s", r.id()).isTrue();
                order.add(r.createdAt());
            });
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).hasSize(created.size());
        assertThat(order).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void listFiltersFindAnyFormOfThePhoneAndInclusiveDates() {
        SignalRequest e164 = service.request(alpha(PHONE, null));
        SignalRequest email = service.request(alpha(null, "borrower@example.com"));
        String md5 = new PhoneNumber(PHONE).md5WithoutPlus();

        assertThat(service.list(filter(md5, null, null)).items()).containsExactly(e164);
        assertThat(service.list(filter("639171234567", null, null)).items()).containsExactly(e164);
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        assertThat(service.list(filter(null, today, today)).items()).containsExactlyInAnyOrder(e164, email);
        assertThat(service.list(filter(null, today.plusDays(1), null)).items()).isEmpty();
        assertThat(service.list(filter(null, null, today.minusDays(1))).items()).isEmpty();
    }

    @Test
    void badListParametersAreFieldErrors() {
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 0, null, null, null, null, null, null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 151, null, null, null, null, null, null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 10, "garbage!", null, null, null, null, null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("cursor");
        LocalDate day = LocalDate.of(2024, 8, 9);
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 10, null, null, null, null, day, day.minusDays(1), null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("startDate");
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 10, null, null, null, null, null, null, "Signal4")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("signalType");
        assertThatThrownBy(() -> service.list(new ListSignalRequestsCommand(LENDER, 10, null, null, "09171234567", "PHL", null, null, null)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("countryCode");
    }

    @Test
    void aListFilteredByANationalNumberWithItsCountryFindsEveryFormOfIt() {
        SignalRequest e164 = service.request(alpha(PHONE, null));
        assertThat(service.list(new ListSignalRequestsCommand(LENDER, 150, null, null, "0917 123 4567", "PH", null, null, null))
                .items()).containsExactly(e164);
    }

    @Test
    void everyRequestIsSignal1SoOnlyThatFilterFindsThem() {
        SignalRequest request = service.request(alpha(PHONE, null));
        assertThat(service.list(new ListSignalRequestsCommand(LENDER, 150, null, null, null, null, null, null, "Signal1"))
                .items()).containsExactly(request);
        assertThat(service.list(new ListSignalRequestsCommand(LENDER, 150, null, null, null, null, null, null, "Signal2"))
                .items()).isEmpty();
        assertThat(service.list(new ListSignalRequestsCommand(LENDER, 150, null, null, null, null, null, null, "Signal3"))
                .items()).isEmpty();
    }

    @Test
    void anExplainedRequestKeepsItsEvidenceMaskedForTheAskingInstitutionWithItsOwnIdsFromTheJournal() {
        disbursement("mine", "lender", NOW.minusSeconds(86_400), "100.00");
        disbursement("theirs", "other", NOW.minusSeconds(3_600), "250.50");

        SignalRequest explained = service.request(explained(alpha(PHONE, null)));

        assertThat(explained.resultCode()).isEqualTo(ResultCode.SUCCESS);
        Explanation explanation = explained.explanation().orElseThrow();
        assertThat(explanation.evidence()).extracting(Evidence::institution).containsExactly(Evidence.OWN, "other-1");
        assertThat(explanation.evidence()).extracting(Evidence::eventId).containsExactly("mine", null);
        assertThat(explanation.refs().get("events_loan_disbursement_day30_institution_count")).containsExactly("e1", "e2");
        assertThat(explanation.refs().get("events_loan_disbursement_days_since_last")).containsExactly("e2");
        assertThat(value(explained, "events_loan_disbursement_day30_institution_count")).isEqualTo(2);
        assertThat(explanation.refs()).containsOnlyKeys(explained.template().signals().signals().stream().map(s -> s.name()).toList());
        assertThat(ports.requests).containsValue(explained);
        assertThat(service.request(alpha(PHONE, null)).explanation()).isEmpty();
    }

    @Test
    void anExplainedRequestByTheMd5OfAPhoneFindsItsRecordsAndOneOfAnUnknownNumberHasNoData() {
        disbursement("mine", "lender", NOW.minusSeconds(86_400), "100.00");
        String md5 = new PhoneNumber(PHONE).md5WithoutPlus();

        SignalRequest known = service.request(explained(alpha(md5, null)));
        SignalRequest unknown = service.request(explained(alpha(new PhoneNumber("+639170000000").md5WithPlus(), null)));

        assertThat(known.explanation().orElseThrow().evidence()).hasSize(1);
        assertThat(unknown.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(unknown.explanation().orElseThrow().evidence()).isEmpty();
        assertThat(unknown.explanation().orElseThrow().refs()).isEmpty();
    }

    @Test
    void anExplainedRequestSeesARetractionFromItsInstantOn() {
        disbursement("mine", "lender", NOW.minusSeconds(86_400), "100.00");
        Event mine = eventsByKey.get(SubjectKeys.phoneKey(new PhoneNumber(PHONE))).get(0);
        retractions.add(new RetractedEvent(mine, NOW.minusSeconds(60)));

        SignalRequest before = service.request(explained(command(ApiVersion.ALPHA, PHONE, null, null, consent(),
                NOW.minusSeconds(120))));
        SignalRequest after = service.request(explained(alpha(PHONE, null)));

        assertThat(before.explanation().orElseThrow().evidence()).hasSize(1);
        assertThat(after.resultCode()).isEqualTo(ResultCode.NO_DATA);
    }

    @Test
    void theAnswerIsMadeWhileTheRequestIsCommittedAndReturnedOnlyOnceTheRequestIsDurable() {
        List<String> steps = new ArrayList<>();
        SignalRequestService service = storingWith(request -> {
            steps.add("insert started " + request.status());
            return () -> {
                steps.add("committed");
                return request;
            };
        });

        String answer = service.request(alpha(PHONE, null), created -> {
            steps.add("answer made");
            return "answer to " + created.request().id().value();
        });

        assertThat(answer).startsWith("answer to signal-");
        assertThat(steps).containsExactly("insert started COMPLETED", "answer made", "committed");
    }

    @Test
    void anAnswerMadeForARequestWhoseCommitFailsIsDroppedAndTheFailureThrown() {
        SignalRequestService service = storingWith(request -> () -> {
            throw new StorageUnavailableException("the database cannot be reached", null);
        });

        assertThatThrownBy(() -> service.request(alpha(PHONE, null), request -> "answer"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> service.request(alpha(PHONE, null), request -> {
            throw new IllegalStateException("the answer could not be written");
        })).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aRepeatOfAnIdempotencyKeyIsAnsweredWithTheRequestStoredUnderItAndMakesNoOther() {
        disbursement("e1", "other", NOW.minus(Duration.ofDays(3)), "5000");
        SignalRequest first = service.request(keyed(alpha(PHONE, null), "key-1"));
        disbursement("e2", "other", NOW.minus(Duration.ofDays(2)), "5000");
        clock.advance(Duration.ofSeconds(5));

        List<RequestSignalsUseCase.Created> repeats = new ArrayList<>();
        SignalRequest repeat = service.request(keyed(alpha(PHONE, null), "\"key-1\""), created -> {
            repeats.add(created);
            return created.request();
        });

        assertThat(repeat).isEqualTo(first);
        assertThat(value(repeat, "events_loan_disbursement_day30")).as("the stored answer, not a new one").isEqualTo(1L);
        assertThat(repeats).extracting(RequestSignalsUseCase.Created::repeat).containsExactly(false, true);
        assertThat(ports.requests).containsOnlyKeys(first.id());
        assertThat(value(service.request(keyed(alpha(PHONE, null), "key-2")), "events_loan_disbursement_day30"))
                .as("another key, another request").isEqualTo(2L);
        assertThat(service.request(alpha(PHONE, null)).id()).isNotEqualTo(first.id());
        assertThat(ports.requests).hasSize(3);
    }

    @Test
    void aKeyUsedBeforeForSomethingElseIsRefusedAndNothingIsStored() {
        SignalRequest first = service.request(keyed(alpha(PHONE, null), "key-1"));

        for (RequestSignalsCommand other : List.of(keyed(alpha("+639181234567", null), "key-1"),
                keyed(explained(alpha(PHONE, null)), "key-1"),
                keyed(command(ApiVersion.ALPHA, PHONE, null, null, consent(), NOW.minusSeconds(60)), "key-1"))) {
            assertThatThrownBy(() -> service.request(other))
                    .isInstanceOf(IdempotencyKeyReusedException.class)
                    .hasMessageContaining(first.id().value());
        }
        assertThat(ports.requests).containsOnlyKeys(first.id());
        assertThat(service.request(keyed(alpha(PHONE, null), "key-1"))).as("the first question still gets its answer")
                .isEqualTo(first);
    }

    @Test
    void anInvalidKeyIsRefusedBeforeAnythingIsComputed() {
        eventSourceFailure.set(new IllegalStateException("the index must not be read"));

        assertThatThrownBy(() -> service.request(keyed(alpha(PHONE, null), "two words")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        assertThat(ports.requests).isEmpty();
    }

    @Test
    void aRequestThatFailedWithNothingStoredIsComputedAfreshWhenItsKeyComesAgain() {
        eventSourceFailure.set(new StorageUnavailableException("the database cannot be reached", null));
        assertThatThrownBy(() -> service.request(keyed(alpha(PHONE, null), "key-1")))
                .isInstanceOf(StorageUnavailableException.class);
        eventSourceFailure.set(null);
        disbursement("e1", "other", NOW.minus(Duration.ofDays(3)), "5000");

        SignalRequest again = service.request(keyed(alpha(PHONE, null), "key-1"));

        assertThat(value(again, "events_loan_disbursement_day30")).isEqualTo(1L);
        assertThat(ports.requests).containsOnlyKeys(again.id());
    }

    /** The service over a store whose inserts {@code start} begins; {@code insert} itself is never called. */
    private SignalRequestService storingWith(java.util.function.Function<SignalRequest, SaveSignalRequestPort.PendingInsert> start) {
        SaveSignalRequestPort store = new SaveSignalRequestPort() {
            @Override
            public SignalRequest insert(SignalRequest request) {
                throw new AssertionError("the service starts its inserts");
            }

            @Override
            public PendingInsert startInsert(SignalRequest request) {
                return start.apply(request);
            }
        };
        return new SignalRequestService(store, ports, events, records, ports, ports, SignalCatalogue.standard(),
                new SubjectParser(), new SignalCalculator(), validation, clock);
    }

    private static RequestSignalsCommand explained(RequestSignalsCommand command) {
        return new RequestSignalsCommand(command.accountId(), command.institutionId(), command.version(), command.phone(),
                command.countryCode(), command.emailAddress(), command.templateId(), command.consent(), command.asOf(), true, command.idempotencyKey());
    }

    private static RequestSignalsCommand keyed(RequestSignalsCommand command, String idempotencyKey) {
        return new RequestSignalsCommand(command.accountId(), command.institutionId(), command.version(), command.phone(),
                command.countryCode(), command.emailAddress(), command.templateId(), command.consent(), command.asOf(),
                command.explain(), idempotencyKey);
    }

    private ListSignalRequestsCommand filter(String phone, LocalDate start, LocalDate end) {
        return new ListSignalRequestsCommand(LENDER, 150, null, null, phone, null, start, end, null);
    }

    private void disbursement(String id, String institution, Instant occurredAt, String amount) {
        PhoneNumber phone = new PhoneNumber(PHONE);
        Event event = Event.received(id, new InstitutionId(institution), EventType.LOAN_DISBURSEMENT, phone, null, occurredAt,
                occurredAt, amount == null ? null : new BigDecimal(amount), null, null, NOW);
        for (String key : event.subjectKeys()) {
            eventsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
    }

    private static Long value(SignalRequest request, String name) {
        return request.values().stream().filter(v -> v.signal().name().equals(name)).findFirst().orElseThrow().value();
    }

    private static ConsentCommand consent() {
        return new ConsentCommand("[Motor Loans] Terms & Conditions", "2024-08", "I agree", NOW.minusSeconds(3_600), null);
    }

    private static RequestSignalsCommand alpha(String phone, String email) {
        return new RequestSignalsCommand(LENDER, LENDER_INSTITUTION, ApiVersion.ALPHA, phone, null, email, null, consent(), null, false, null);
    }

    private static RequestSignalsCommand command(ApiVersion version, String phone, String country, String templateId,
                                                 ConsentCommand consent, Instant asOf) {
        return new RequestSignalsCommand(LENDER, LENDER_INSTITUTION, version, phone, country, null, templateId, consent, asOf, false, null);
    }

    /** A history the index gives: what its horizon holds, and the horizon. */
    private record HeldHistory(EventHistory history, Horizon horizon) implements EventHistory {
        @Override public int size() { return history.size(); }
        @Override public EventType type(int i) { return history.type(i); }
        @Override public int institution(int i) { return history.institution(i); }
        @Override public InstitutionId institutionId(int i) { return history.institutionId(i); }
        @Override public long occurredAtMicros(int i) { return history.occurredAtMicros(i); }
        @Override public long reportedAtMicros(int i) { return history.reportedAtMicros(i); }
        @Override public boolean hasAmount(int i) { return history.hasAmount(i); }
        @Override public long amountCents(int i) { return history.amountCents(i); }
        @Override public boolean hasOverdueDays(int i) { return history.hasOverdueDays(i); }
        @Override public int overdueDays(int i) { return history.overdueDays(i); }
        @Override public boolean autoRepayment(int i) { return history.autoRepayment(i); }
        @Override public boolean hasAutoRepayment(int i) { return history.hasAutoRepayment(i); }
        @Override public long retractedAtMicros(int i) { return history.retractedAtMicros(i); }
        @Override public String eventId(int i) { return history.eventId(i); }
    }

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
