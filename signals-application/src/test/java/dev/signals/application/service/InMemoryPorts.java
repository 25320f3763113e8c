package dev.signals.application.service;

import dev.signals.application.port.PageCursor;
import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.template.SignalTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Plain in-memory implementations of the storage ports, for testing the services without a database. */
final class InMemoryPorts implements AccountPort, ConsentTemplatePort, SignalSettingsPort, SaveSignalRequestPort, LoadSignalRequestPort {

    final Map<AccountId, Credentials> accounts = new LinkedHashMap<>();
    final Map<ConsentTemplateId, Map.Entry<AccountId, ConsentTemplate>> consentTemplates = new LinkedHashMap<>();
    final Map<AccountId, SignalSelection> selections = new LinkedHashMap<>();
    final Map<AccountId, Map<String, SignalTemplate>> templates = new LinkedHashMap<>();
    final Map<SignalRequestId, SignalRequest> requests = new LinkedHashMap<>();

    @Override
    public void insert(Account account, String secretHash) {
        boolean taken = accounts.values().stream().anyMatch(c -> c.account().institutionId().equals(account.institutionId())
                || c.account().apiKey().equals(account.apiKey()));
        if (taken) {
            throw new DuplicateAccountException("duplicate");
        }
        accounts.put(account.id(), new Credentials(account, secretHash));
    }

    @Override
    public Optional<Account> load(AccountId id) {
        return Optional.ofNullable(accounts.get(id)).map(Credentials::account);
    }

    @Override
    public Optional<Credentials> loadByApiKey(String apiKey) {
        return accounts.values().stream().filter(c -> c.account().apiKey().equals(apiKey)).findFirst();
    }

    @Override
    public void insert(AccountId accountId, ConsentTemplate template) {
        consentTemplates.put(template.id(), Map.entry(accountId, template));
    }

    @Override
    public Optional<ConsentTemplate> load(AccountId accountId, ConsentTemplateId id) {
        return Optional.ofNullable(consentTemplates.get(id)).filter(e -> e.getKey().equals(accountId)).map(Map.Entry::getValue);
    }

    @Override
    public List<ConsentTemplate> list(AccountId accountId, PageCursor after, int limit) {
        return page(consentTemplates.values().stream().filter(e -> e.getKey().equals(accountId)).map(Map.Entry::getValue).toList(),
                t -> new PageCursor(t.createdAt(), t.id().value()), after, limit);
    }

    @Override
    public boolean delete(AccountId accountId, ConsentTemplateId id) {
        return load(accountId, id).map(t -> consentTemplates.remove(id) != null).orElse(false);
    }

    @Override
    public Optional<SignalSelection> selection(AccountId accountId) {
        return Optional.ofNullable(selections.get(accountId));
    }

    @Override
    public void saveSelection(AccountId accountId, SignalSelection selection) {
        selections.put(accountId, selection);
    }

    @Override
    public Optional<SignalTemplate> template(AccountId accountId, String templateId) {
        return Optional.ofNullable(templates.getOrDefault(accountId, Map.of()).get(templateId));
    }

    @Override
    public List<SignalTemplate> templates(AccountId accountId) {
        return templates.getOrDefault(accountId, Map.of()).values().stream().sorted(Comparator.comparing(SignalTemplate::id)).toList();
    }

    @Override
    public void saveTemplate(AccountId accountId, SignalTemplate template) {
        templates.computeIfAbsent(accountId, a -> new LinkedHashMap<>()).put(template.id(), template);
    }

    @Override
    public synchronized SignalRequest insert(SignalRequest request) {
        if (request.idempotency().isPresent()) {
            Optional<SignalRequest> holder = requests.values().stream()
                    .filter(stored -> stored.accountId().equals(request.accountId()))
                    .filter(stored -> stored.idempotency().map(i -> i.key().equals(request.idempotency().get().key())).orElse(false))
                    .findFirst();
            if (holder.isPresent()) {
                return holder.get();
            }
        }
        requests.put(request.id(), request);
        return request;
    }

    @Override
    public Optional<SignalRequest> load(AccountId accountId, SignalRequestId id) {
        return Optional.ofNullable(requests.get(id)).filter(r -> r.accountId().equals(accountId));
    }

    @Override
    public List<SignalRequest> list(AccountId accountId, Filter filter, PageCursor after, int limit) {
        List<SignalRequest> matching = requests.values().stream()
                .filter(r -> r.accountId().equals(accountId))
                .filter(r -> filter.id() == null || r.id().equals(filter.id()))
                .filter(r -> filter.subject() == null || r.subject().sharesAKeyWith(filter.subject()))
                .filter(r -> filter.from() == null || !r.createdAt().isBefore(filter.from()))
                .filter(r -> filter.until() == null || r.createdAt().isBefore(filter.until()))
                .toList();
        return page(matching, r -> new PageCursor(r.createdAt(), r.id().value()), after, limit);
    }

    private static <T> List<T> page(List<T> rows, Function<T, PageCursor> cursorOf, PageCursor after, int limit) {
        Comparator<PageCursor> newestFirst = Comparator.comparing(PageCursor::createdAt).thenComparing(PageCursor::id).reversed();
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(cursorOf, newestFirst));
        return sorted.stream()
                .filter(row -> after == null || newestFirst.compare(cursorOf.apply(row), after) > 0)
                .limit(limit)
                .toList();
    }
}
