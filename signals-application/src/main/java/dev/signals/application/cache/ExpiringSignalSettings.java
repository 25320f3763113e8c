package dev.signals.application.cache;

import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.SignalTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every signal request reads its account's selection or template; this keeps what the store answered in memory
 * for {@link #TIME_TO_LIVE}, so that a request costs no query for them, and stays fresh across nodes (contract
 * section 7.1): an entry is read again from the store once it is that old, so a selection or template another
 * node stored is seen here within that time; one stored through this node is seen at once, since a write goes
 * to the store and then replaces the entry. An absent selection (the default) and an unknown template id are
 * kept like the others, so that a template another node creates is seen within the same time.
 */
public final class ExpiringSignalSettings implements SignalSettingsPort {

    /** How long an entry is served before it is read again: how stale another node's write may be seen here. */
    public static final Duration TIME_TO_LIVE = Duration.ofMillis(500);

    /** Entries kept at most; past it the cache starts over. */
    private static final int MAX_ENTRIES = 10_000;

    private final SignalSettingsPort store;
    private final LongSupplier nanoTime;
    private final long timeToLiveNanos;
    private final Map<AccountId, Entry<Optional<SignalSelection>>> selections = new ConcurrentHashMap<>();
    private final Map<TemplateKey, Entry<Optional<SignalTemplate>>> templates = new ConcurrentHashMap<>();

    /** @param nanoTime the clock entries age by, {@code System::nanoTime} but in tests */
    public ExpiringSignalSettings(SignalSettingsPort store, Duration timeToLive, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.timeToLiveNanos = timeToLive.toNanos();
    }

    @Override
    public Optional<SignalSelection> selection(AccountId accountId) {
        return fresh(selections, accountId, () -> store.selection(accountId));
    }

    @Override
    public void saveSelection(AccountId accountId, SignalSelection selection) {
        store.saveSelection(accountId, selection);
        put(selections, accountId, Optional.of(selection));
    }

    @Override
    public Optional<SignalTemplate> template(AccountId accountId, String templateId) {
        return fresh(templates, new TemplateKey(accountId, templateId), () -> store.template(accountId, templateId));
    }

    /** Not kept: an admin's listing reads the store. */
    @Override
    public List<SignalTemplate> templates(AccountId accountId) {
        return store.templates(accountId);
    }

    @Override
    public void saveTemplate(AccountId accountId, SignalTemplate template) {
        store.saveTemplate(accountId, template);
        put(templates, new TemplateKey(accountId, template.id()), Optional.of(template));
    }

    private <K, V> V fresh(Map<K, Entry<V>> entries, K key, java.util.function.Supplier<V> load) {
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.readAt() < timeToLiveNanos) {
            return entry.value();
        }
        V value = load.get();
        // A write of this node replaces the entry after its store has it; a read that started before the
        // write must not put the older value back.
        entries.merge(key, new Entry<>(value, now), (old, loaded) -> old.readAt() > loaded.readAt() ? old : loaded);
        trim(entries);
        return value;
    }

    private <K, V> void put(Map<K, Entry<V>> entries, K key, V value) {
        entries.put(key, new Entry<>(value, nanoTime.getAsLong()));
        trim(entries);
    }

    private static void trim(Map<?, ?> entries) {
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
    }

    private record Entry<V>(V value, long readAt) {
    }

    private record TemplateKey(AccountId accountId, String templateId) {
    }
}
