package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.Page;
import dev.signals.application.port.PageCursor;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.in.ConsentCommand;
import dev.signals.application.port.in.GetSignalRequestQuery;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.application.port.in.ListSignalRequestsQuery;
import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.application.port.out.SubjectRecordsPort.SubjectRecords;
import dev.signals.application.subject.SubjectParser;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Explainer;
import dev.signals.domain.calculation.Explainer.Explained;
import dev.signals.domain.calculation.IdentifiedHistory;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.request.Idempotency;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.ResultCode;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.request.SignalType;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.template.SignalTemplate;
import dev.signals.domain.time.ServiceInstant;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signal requests (contract section 2): checks the command, resolves the consent and the template,
 * computes the values from the subject's events, and stores the finished request in one write.
 */
public final class SignalRequestService implements RequestSignalsUseCase, GetSignalRequestQuery, ListSignalRequestsQuery {

    private static final Logger LOG = Logger.getLogger(SignalRequestService.class.getName());

    private final SaveSignalRequestPort save;
    private final LoadSignalRequestPort load;
    private final LoadSubjectEventsPort events;
    private final SubjectRecordsPort records;
    private final ConsentTemplatePort consentTemplates;
    private final AccountSignals accountSignals;
    private final SubjectParser subjects;
    private final SignalCalculator calculator;
    private final Explainer explainer;
    private final CommandValidation validation;
    private final Clock clock;

    public SignalRequestService(SaveSignalRequestPort save, LoadSignalRequestPort load, LoadSubjectEventsPort events,
                                SubjectRecordsPort records, ConsentTemplatePort consentTemplates, SignalSettingsPort settings,
                                SignalCatalogue catalogue, SubjectParser subjects, SignalCalculator calculator,
                                CommandValidation validation, Clock clock) {
        this.save = save;
        this.load = load;
        this.events = events;
        this.records = records;
        this.consentTemplates = consentTemplates;
        this.accountSignals = new AccountSignals(catalogue, settings);
        this.subjects = subjects;
        this.calculator = calculator;
        this.explainer = new Explainer(calculator);
        this.validation = validation;
        this.clock = clock;
    }

    /**
     * The answer is made while the request is committed: an explained answer (some 200 KB of JSON) takes about as
     * long to write as the commit, and the two overlap on two cores instead of adding up. It is returned once the
     * commit has returned; if the commit fails, the answer is dropped and the failure thrown.
     *
     * <p>A request with an {@code Idempotency-Key} its account stored a request under before is a repeat (a client or a
     * balancer that sent it again, not knowing whether the first got through): it is computed as any other, but the
     * store keeps the one it has, and that one is the answer ({@link SignalRequest#answering}), made again. Looking
     * first would cost every keyed request a read for the sake of the rare repeat; and two copies in flight at once
     * on two nodes both find the one stored this way.
     */
    @Override
    public <A> A request(RequestSignalsCommand command, Function<Created, A> answer) {
        SignalRequest finished = finished(command);
        SaveSignalRequestPort.PendingInsert insert = save.startInsert(finished);
        A answered;
        try {
            answered = answer.apply(new Created(finished, false));
        } catch (RuntimeException | Error e) {
            insert.awaitCommitted(); // a commit that fails throws instead of the answer's failure
            throw e;
        }
        SignalRequest stored = insert.awaitCommitted();
        if (stored.id().equals(finished.id())) {
            return answered;
        }
        return answer.apply(new Created(stored.answering(finished), true));
    }

    /** The new request, computed (and explained when asked), not stored yet. */
    private SignalRequest finished(RequestSignalsCommand command) {
        validation.check(command);
        Optional<IdempotencyKey> key = IdempotencyKey.ofHeader(command.idempotencyKey());
        Subject subject = subjects.parse(command.phone(), command.countryCode(), command.emailAddress());
        Consent consent = consent(command);
        SignalTemplate template = template(command);
        RequestMeta meta = new RequestMeta(command.phone(), command.countryCode(), command.emailAddress(),
                command.templateId(), consent);

        Instant now = clock.instant();
        SignalRequest created = SignalRequest.create(SignalRequestId.timeOrdered(now, ThreadLocalRandom.current()),
                command.accountId(), now, command.asOf(), subject, meta, template);
        if (key.isPresent()) {
            created = created.withIdempotency(Idempotency.of(key.get(), meta, command.asOf(), command.explain()));
        }
        return command.explain() ? explain(created, command.institutionId()) : compute(created);
    }

    /**
     * Computes a new request from the subject's events as of its {@code asOf}: COMPLETED, or ERROR with
     * SYSTEM_ERROR when the calculation fails (a bug, logged), so that it is stored finished either way
     * (contract section 2.2). The events are in this node's memory, unless the request reaches before what the index
     * holds in full ({@link #fromTheJournal}): then a journal that cannot be reached fails the request (503) before
     * anything is stored, and Smile's SERVICE_UNAVAILABLE is never the outcome here either.
     */
    SignalRequest compute(SignalRequest request) {
        try {
            EventHistory indexed = events.eventsOf(request.subject());
            EventHistory history = answersExactly(indexed, request) ? indexed : fromTheJournal(request.subject());
            CalculationResult result = calculator.calculate(history, request.asOf(), request.template().signals());
            return request.complete(result);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Signal request " + request.id().value() + " could not be computed", e);
            return request.fail(ResultCode.SYSTEM_ERROR);
        }
    }

    /**
     * Computes a new request as {@link #compute} does, from the same index, and explains it (contract section 2.5).
     * The index keeps every field an explanation shows but event ids: those it shows (the asking institution's) or
     * orders by (of events at the same instants) are read from the journal, the asking institution's rows of the
     * subject and rarely another's, and matched to the index's events ({@link IdentifiedHistory}). The values and
     * their explanation come from one history, so the two always agree, and they are the values the same request
     * without {@code explain} gets. A request the index cannot answer exactly (issue 18) reads the subject's whole
     * history, ids and all, from the journal instead. A journal that cannot be reached fails the request (503) before
     * anything is stored.
     */
    SignalRequest explain(SignalRequest request, InstitutionId asking) {
        EventHistory indexed = events.eventsOf(request.subject());
        if (!answersExactly(indexed, request)) {
            EventHistory whole = fromTheJournal(request.subject());
            return explain(request, asking, () -> whole);
        }
        Set<InstitutionId> institutions = Explainer.institutionsWhoseIdsAreRead(indexed, asking);
        SubjectRecords subjectRecords = recordsOf(request.subject(), institutions);
        return explain(request, asking, () -> IdentifiedHistory.of(indexed, subjectRecords.events(), subjectRecords.retractions()));
    }

    private SignalRequest explain(SignalRequest request, InstitutionId asking, Supplier<EventHistory> identifiedHistory) {
        try {
            EventHistory identified = identifiedHistory.get();
            Explained explained = explainer.explain(identified, request.asOf(), request.template().signals(), asking);
            return request.complete(explained.result(), explained.explanation());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Signal request " + request.id().value() + " could not be explained", e);
            return request.fail(ResultCode.SYSTEM_ERROR);
        }
    }

    /** Whether the index's history of the subject holds all the request's values need (issue 18). */
    private static boolean answersExactly(EventHistory indexed, SignalRequest request) {
        return indexed.horizon().answersExactly(indexed, Micros.of(request.asOf()));
    }

    /**
     * The subject's whole history from the journal, every event id included: for a request whose {@code asOf} reaches
     * before what the index holds in full (a window before its horizon), or whose answer an old event the index let go
     * may give (the latest old one was retracted or reported after {@code asOf}).
     *
     * @throws dev.signals.application.port.StorageUnavailableException when the journal cannot be reached
     */
    private EventHistory fromTheJournal(Subject subject) {
        SubjectRecords all;
        if (subject instanceof PhoneSubject phone) {
            all = records.allOfPhone(phone.phone());
        } else if (subject instanceof PhoneHashSubject hash) {
            // The index keeps every phone it ever had an event of (each type's latest), so it knows this one's number.
            all = events.phoneOf(hash.hash()).map(records::allOfPhone).orElse(new SubjectRecords(List.of(), List.of()));
        } else {
            all = records.allOfEmailAddress(((EmailSubject) subject).emailAddress());
        }
        return EventHistory.of(all.events(), all.retractions());
    }

    private SubjectRecords recordsOf(Subject subject, Set<InstitutionId> institutions) {
        if (subject instanceof PhoneSubject phone) {
            return records.ofPhone(phone.phone(), institutions);
        }
        if (subject instanceof PhoneHashSubject hash) {
            // An MD5 the network knows no phone of has no events.
            return events.phoneOf(hash.hash()).map(phone -> records.ofPhone(phone, institutions))
                    .orElse(new SubjectRecords(List.of(), List.of()));
        }
        return records.ofEmailAddress(((EmailSubject) subject).emailAddress(), institutions);
    }

    @Override
    public SignalRequest get(AccountId accountId, String signalRequestId) {
        return SignalRequestId.parse(signalRequestId)
                .flatMap(id -> load.load(accountId, id))
                .orElseThrow(() -> new NotFoundException("No signal request " + signalRequestId));
    }

    @Override
    public Page<SignalRequest> list(ListSignalRequestsCommand command) {
        validation.check(command);
        int limit = command.sizeOrDefault();
        PageCursor after = PageCursor.after(command.cursor());
        Instant from = command.startDate() == null ? null : ServiceInstant.startOf("startDate", command.startDate()).value();
        Instant until = command.endDate() == null ? null
                : ServiceInstant.startOf("endDate", command.endDate()).value().plus(Duration.ofDays(1));
        if (command.startDate() != null && command.endDate() != null && command.startDate().isAfter(command.endDate())) {
            throw InvalidCommandException.of("startDate", "must not be after endDate");
        }
        Optional<SignalRequestId> id = Optional.empty();
        if (command.signalId() != null) {
            id = SignalRequestId.parse(command.signalId());
            if (id.isEmpty()) {
                throw InvalidCommandException.of("signalId", "must be signal- followed by 32 lower-case hex digits");
            }
        }
        if (command.signalType() != null && SignalType.parse(command.signalType()) != SignalType.SIGNAL1) {
            return new Page<>(List.of(), null);
        }
        Subject subject = command.phone() == null ? null : subjects.parse(command.phone(), command.countryCode(), null);
        LoadSignalRequestPort.Filter filter = new LoadSignalRequestPort.Filter(
                id.orElse(null), subject, from, until);
        List<SignalRequest> rows = load.list(command.accountId(), filter, after, limit + 1);
        return Paging.page(rows, limit, request -> new PageCursor(request.createdAt(), request.id().value()));
    }

    private Consent consent(RequestSignalsCommand command) {
        ConsentCommand sent = command.consent();
        ConsentTemplateId templateId = null;
        if (sent.consentTemplateId() != null) {
            Optional<ConsentTemplate> template = ConsentTemplateId.parse(sent.consentTemplateId())
                    .flatMap(id -> consentTemplates.load(command.accountId(), id));
            if (template.isEmpty()) {
                throw InvalidCommandException.of("consent.consentTemplateId", "is not one of this account's consent templates");
            }
            templateId = template.get().id();
        }
        return new Consent(sent.type(), sent.version(), sent.consentedWith(), sent.consentedAt(), templateId);
    }

    private SignalTemplate template(RequestSignalsCommand command) {
        if (command.templateId() == null) {
            return SignalTemplate.ofSelection(accountSignals.selectionOf(command.accountId()));
        }
        return accountSignals.template(command.accountId(), command.templateId())
                .orElseThrow(() -> InvalidCommandException.of("templateId", "is not a template of this account"));
    }
}
