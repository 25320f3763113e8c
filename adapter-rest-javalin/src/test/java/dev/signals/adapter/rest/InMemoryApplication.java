package dev.signals.adapter.rest;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.Page;
import dev.signals.application.port.in.AuthenticateAdminQuery;
import dev.signals.application.port.in.AuthenticateClientQuery;
import dev.signals.application.port.in.CatalogueEntry;
import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.CreateAccountCommand;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.CreateConsentTemplateCommand;
import dev.signals.application.port.in.GetSignalRequestQuery;
import dev.signals.application.port.in.HealthReport;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.in.ListCatalogueQuery;
import dev.signals.application.port.in.ListConsentTemplatesQuery;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.application.port.in.ListSignalRequestsQuery;
import dev.signals.application.port.in.ManageConsentTemplatesUseCase;
import dev.signals.application.port.in.ManageSignalSelectionUseCase;
import dev.signals.application.port.in.ManageSignalTemplatesUseCase;
import dev.signals.application.port.in.NewAccount;
import dev.signals.application.port.in.PutSignalTemplateCommand;
import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.ResultCode;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;
import jakarta.validation.Validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Every incoming port of the application, in memory, for HTTP tests: small, deterministic, and strict where
 * the real services are (commands are checked with the real Bean Validation, ids of other accounts are not
 * found). A subject in {@link #SUBJECT_WITH_EVENTS} or any e-mail address gets SUCCESS, {@link #FAILING_SUBJECT}
 * ends in ERROR (SYSTEM_ERROR, as a failed calculation), any other phone gets NO_DATA. {@link #failNextCallWith} makes the next use-case call throw.
 */
public final class InMemoryApplication implements AuthenticateClientQuery, AuthenticateAdminQuery, CheckHealthQuery, IndexStatusQuery,
        RequestSignalsUseCase, GetSignalRequestQuery, ListSignalRequestsQuery, ListCatalogueQuery,
        ManageConsentTemplatesUseCase, ListConsentTemplatesQuery, CreateAccountUseCase,
        ManageSignalSelectionUseCase, ManageSignalTemplatesUseCase {

    public static final Instant NOW = Instant.parse("2024-08-09T12:55:51Z");
    public static final String ADMIN_TOKEN = "admin-token-of-the-tests";
    public static final Account ACME = new Account(new AccountId("acc-acme"), "Acme Lending", new InstitutionId("acme"),
            "key_acme_0123456789", NOW);
    public static final String ACME_SECRET = "acme-secret-1";
    public static final Account ZETA = new Account(new AccountId("acc-zeta"), "Zeta Credit", new InstitutionId("zeta"),
            "key_zeta_0123456789", NOW);
    public static final String ZETA_SECRET = "zeta-secret-2";
    public static final String SUBJECT_WITH_EVENTS = "+639171234567";
    public static final String FAILING_SUBJECT = "+639170000001";

    private static final CommandValidation VALIDATION =
            new CommandValidation(Validation.buildDefaultValidatorFactory().getValidator());
    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private final Map<String, Account> accountsByKey = new HashMap<>(Map.of(ACME.apiKey(), ACME, ZETA.apiKey(), ZETA));
    private final Map<String, String> secretsByKey = new HashMap<>(Map.of(ACME.apiKey(), ACME_SECRET, ZETA.apiKey(), ZETA_SECRET));
    private final Map<SignalRequestId, SignalRequest> requests = new LinkedHashMap<>();
    private final Map<AccountId, SignalSelection> selections = new HashMap<>();
    private final Map<AccountId, Map<String, SignalTemplate>> templates = new HashMap<>();
    private final Map<AccountId, Map<ConsentTemplateId, ConsentTemplate>> consentTemplates = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final InMemoryEventReports events = new InMemoryEventReports();
    private RuntimeException failure;
    private boolean databaseUp = true;
    private ListSignalRequestsCommand lastList;
    private volatile RuntimeException authenticationFailure;

    /** Events reported, kept apart from the rest: {@link ReportEventsUseCase} is bound to it. */
    public InMemoryEventReports events() {
        return events;
    }

    /** The next use-case call (not authentication) throws {@code e}. */
    public void failNextCallWith(RuntimeException e) {
        this.failure = e;
    }

    /** The next authentication throws {@code e}, as a lookup of the credentials in an unreachable database does. */
    public void failNextAuthenticationWith(RuntimeException e) {
        this.authenticationFailure = e;
    }

    public ListSignalRequestsCommand lastListCommand() {
        return lastList;
    }

    private void failIfAsked() {
        RuntimeException e = failure;
        failure = null;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public Optional<Account> authenticate(String apiKey, String apiSecret) {
        RuntimeException e = authenticationFailure;
        authenticationFailure = null;
        if (e != null) {
            throw e;
        }
        Account account = accountsByKey.get(apiKey);
        return account != null && secretsByKey.get(apiKey).equals(apiSecret) ? Optional.of(account) : Optional.empty();
    }

    @Override
    public boolean isAdminToken(String token) {
        return ADMIN_TOKEN.equals(token);
    }

    @Override
    public HealthReport check() {
        return new HealthReport(databaseUp, "H2", indexStatus());
    }

    /** Whether the index has read the journal once; a test sets it false to see a starting node. */
    public volatile boolean indexReady = true;

    @Override
    public IndexStatus indexStatus() {
        return indexReady ? new IndexStatus(true, "0", 1, java.time.Duration.ZERO) : new IndexStatus(false, "start", 0, null);
    }

    @Override
    public <A> A request(RequestSignalsCommand command, java.util.function.Function<Created, A> answer) {
        return answer.apply(new Created(request(command), false));
    }

    @Override
    public SignalRequest request(RequestSignalsCommand command) {
        failIfAsked();
        VALIDATION.check(command);
        Subject subject = command.phone() != null ? new PhoneSubject(new PhoneNumber(command.phone()))
                : new EmailSubject(new EmailAddress(command.emailAddress()));
        ConsentTemplateId consentTemplateId = null;
        if (command.consent().consentTemplateId() != null) {
            consentTemplateId = ConsentTemplateId.parse(command.consent().consentTemplateId())
                    .filter(id -> consentTemplatesOf(command.accountId()).containsKey(id))
                    .orElseThrow(() -> InvalidCommandException.of("consent.consentTemplateId", "is not one of this account's consent templates"));
        }
        Consent consent = new Consent(command.consent().type(), command.consent().version(),
                command.consent().consentedWith(), command.consent().consentedAt(), consentTemplateId);
        SignalTemplate template = command.templateId() == null
                ? SignalTemplate.ofSelection(selectionOf(command.accountId()))
                : templateOf(command.accountId(), command.templateId())
                        .orElseThrow(() -> InvalidCommandException.of("templateId", "is not a template of this account"));
        RequestMeta meta = new RequestMeta(command.phone(), command.countryCode(), command.emailAddress(),
                command.templateId(), consent);
        SignalRequest created = SignalRequest.create(nextRequestId(), command.accountId(), NOW, command.asOf(),
                subject, meta, template);
        SignalRequest stored = finish(created, command.phone());
        requests.put(stored.id(), stored);
        return stored;
    }

    private SignalRequestId nextRequestId() {
        return SignalRequestId.fromUuid(UUID.nameUUIDFromBytes(("request-" + ids.incrementAndGet()).getBytes()));
    }

    private static SignalRequest finish(SignalRequest request, String phone) {
        if (FAILING_SUBJECT.equals(phone)) {
            return request.fail(ResultCode.SYSTEM_ERROR);
        }
        if (phone != null && !SUBJECT_WITH_EVENTS.equals(phone)) {
            return request.complete(CalculationResult.of(false, List.of()));
        }
        List<SignalValue> values = new ArrayList<>();
        for (Signal signal : request.template().signals().signals()) {
            values.add(new SignalValue(signal, valueOf(signal)));
        }
        return request.complete(CalculationResult.of(true, values));
    }

    /** Counts are small numbers, amounts alternate between null and thousands, days between null and days. */
    public static Long valueOf(Signal signal) {
        if (signal.metric() == Metric.COUNT || signal.metric() == Metric.INSTITUTION_COUNT) {
            return (long) (signal.position() % 4);
        }
        if (signal.position() % 2 == 0) {
            return null;
        }
        return signal.metric() == Metric.AMOUNT ? 1000L * signal.position() : (long) signal.position();
    }

    @Override
    public SignalRequest get(AccountId accountId, String signalRequestId) {
        failIfAsked();
        return SignalRequestId.parse(signalRequestId)
                .map(requests::get)
                .filter(request -> request.accountId().equals(accountId))
                .orElseThrow(() -> new NotFoundException("No signal request " + signalRequestId));
    }

    @Override
    public Page<SignalRequest> list(ListSignalRequestsCommand command) {
        failIfAsked();
        lastList = command;
        VALIDATION.check(command);
        List<SignalRequest> newestFirst = new ArrayList<>(requests.values().stream()
                .filter(request -> request.accountId().equals(command.accountId()))
                .filter(request -> command.signalId() == null || request.id().value().equals(command.signalId()))
                .toList());
        Collections.reverse(newestFirst);
        return page(newestFirst, command.sizeOrDefault(), command.cursor(), request -> request.id().value());
    }

    /** Pages by position: the cursor is the id of the last item of the previous page. */
    private static <T> Page<T> page(List<T> all, int size, String cursor, Function<T, String> idOf) {
        int from = 0;
        if (cursor != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (idOf.apply(all.get(i)).equals(cursor)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw InvalidCommandException.of("cursor", "is not a cursor this service handed out; use nextCursor from a previous page");
            }
        }
        List<T> items = all.subList(from, Math.min(all.size(), from + size));
        String next = from + size < all.size() ? idOf.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }

    @Override
    public List<CatalogueEntry> list(AccountId accountId) {
        failIfAsked();
        SignalSelection selection = selections.getOrDefault(accountId, CATALOGUE.defaultSelection());
        return CATALOGUE.all().stream().map(signal -> new CatalogueEntry(signal, selection.contains(signal))).toList();
    }

    @Override
    public ConsentTemplate create(CreateConsentTemplateCommand command) {
        failIfAsked();
        VALIDATION.check(command);
        ConsentTemplate template = new ConsentTemplate(
                ConsentTemplateId.fromUuid(UUID.nameUUIDFromBytes(("consent-" + ids.incrementAndGet()).getBytes())),
                command.consentType(), command.title(), command.version(), command.consentMethod(),
                command.consentText(), NOW);
        consentTemplatesOf(command.accountId()).put(template.id(), template);
        return template;
    }

    @Override
    public void delete(AccountId accountId, String consentTemplateId) {
        failIfAsked();
        Optional<ConsentTemplateId> id = ConsentTemplateId.parse(consentTemplateId);
        if (id.isEmpty() || consentTemplatesOf(accountId).remove(id.get()) == null) {
            throw new NotFoundException("No consent template " + consentTemplateId);
        }
    }

    @Override
    public Page<ConsentTemplate> list(AccountId accountId, Integer size, String cursor) {
        failIfAsked();
        if (size != null && (size < 1 || size > 150)) {
            throw InvalidCommandException.of("size", "must be between 1 and 150");
        }
        List<ConsentTemplate> newestFirst = new ArrayList<>(consentTemplatesOf(accountId).values());
        Collections.reverse(newestFirst);
        return page(newestFirst, size == null ? 10 : size, cursor, template -> template.id().value());
    }

    private Map<ConsentTemplateId, ConsentTemplate> consentTemplatesOf(AccountId accountId) {
        return consentTemplates.computeIfAbsent(accountId, id -> new LinkedHashMap<>());
    }

    @Override
    public NewAccount create(CreateAccountCommand command) {
        failIfAsked();
        VALIDATION.check(command);
        if (accountsByKey.values().stream().anyMatch(a -> a.institutionId().value().equals(command.institutionId()))) {
            throw InvalidCommandException.of("institutionId", "already has an account");
        }
        int n = ids.incrementAndGet();
        Account account = new Account(new AccountId("acc-new-" + n), command.name(), new InstitutionId(command.institutionId()),
                "key_new_000000000" + n, NOW);
        String secret = "new-secret-" + n;
        accountsByKey.put(account.apiKey(), account);
        secretsByKey.put(account.apiKey(), secret);
        return new NewAccount(account, secret);
    }

    @Override
    public SignalSelection selectionOf(AccountId accountId) {
        failIfAsked();
        requireAccount(accountId);
        return selections.getOrDefault(accountId, CATALOGUE.defaultSelection());
    }

    @Override
    public SignalSelection replaceSelection(AccountId accountId, List<String> signalNames) {
        failIfAsked();
        requireAccount(accountId);
        if (signalNames == null || signalNames.isEmpty()) {
            throw InvalidCommandException.of("signals", "must name at least one catalogue signal");
        }
        SignalSelection selection = CATALOGUE.select(signalNames);
        selections.put(accountId, selection);
        return selection;
    }

    @Override
    public SignalTemplate put(PutSignalTemplateCommand command) {
        failIfAsked();
        VALIDATION.check(command);
        requireAccount(command.accountId());
        AmountFormat format = command.amountFormat() == null ? AmountFormat.NUMBER : AmountFormat.parse(command.amountFormat());
        AmountBands bands = command.amountBands() == null ? AmountBands.standard() : new AmountBands(command.amountBands());
        SignalTemplate template = new SignalTemplate(SignalTemplate.checkId(command.templateId()),
                CATALOGUE.select(command.signals()), format, bands);
        templates.computeIfAbsent(command.accountId(), id -> new LinkedHashMap<>()).put(template.id(), template);
        return template;
    }

    @Override
    public List<SignalTemplate> templatesOf(AccountId accountId) {
        failIfAsked();
        requireAccount(accountId);
        List<SignalTemplate> all = new ArrayList<>();
        all.add(SignalTemplate.builtIn());
        all.addAll(templates.getOrDefault(accountId, Map.of()).values());
        return all;
    }

    private Optional<SignalTemplate> templateOf(AccountId accountId, String templateId) {
        if (SignalTemplate.BUILT_IN_ID.equals(templateId)) {
            return Optional.of(SignalTemplate.builtIn());
        }
        return Optional.ofNullable(templates.getOrDefault(accountId, Map.of()).get(templateId));
    }

    private void requireAccount(AccountId accountId) {
        Set<AccountId> known = new HashSet<>();
        accountsByKey.values().forEach(account -> known.add(account.id()));
        if (!known.contains(accountId)) {
            throw new NotFoundException("No account " + accountId.value());
        }
    }
}
