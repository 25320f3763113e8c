package dev.signals.application.cache;

import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.AmountBands;
import dev.signals.domain.template.AmountFormat;
import dev.signals.domain.template.SignalTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings served from memory, seen fresh across nodes: another node's write within the time to live, this node's at once. */
class ExpiringSignalSettingsTest {

    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final SignalSelection OWN = CATALOGUE.select(List.of("events_overdue_day90_amount"));
    private static final Duration TTL = Duration.ofMillis(500);

    private final Store database = new Store();
    private final AtomicLong now = new AtomicLong();
    /** This node's view, and another node's, on the same database. */
    private final ExpiringSignalSettings here = new ExpiringSignalSettings(database, TTL, now::get);
    private final ExpiringSignalSettings there = new ExpiringSignalSettings(database, TTL, now::get);

    @Test
    void aSelectionIsReadOnceWithinTheTimeToLive() {
        here.selection(ACCOUNT);
        here.selection(ACCOUNT);
        now.addAndGet(TTL.toNanos() - 1);
        assertThat(here.selection(ACCOUNT)).isEmpty();
        assertThat(database.reads.get()).isEqualTo(1);
    }

    @Test
    void aSelectionAnotherNodeStoredIsSeenOnceTheEntryIsThatOldAndOneStoredHereAtOnce() {
        assertThat(here.selection(ACCOUNT)).as("the default").isEmpty();
        there.saveSelection(ACCOUNT, OWN);
        assertThat(there.selection(ACCOUNT)).as("at once where it was stored").contains(OWN);
        assertThat(here.selection(ACCOUNT)).as("still the entry read before").isEmpty();
        now.addAndGet(TTL.toNanos());
        assertThat(here.selection(ACCOUNT)).contains(OWN);
    }

    @Test
    void aTemplateAnotherNodeCreatesOrChangesIsSeenWithinTheTimeToLive() {
        assertThat(here.template(ACCOUNT, "tpl-risk")).as("unknown, and kept so").isEmpty();
        there.saveTemplate(ACCOUNT, template(AmountFormat.NUMBER));
        now.addAndGet(TTL.toNanos());
        assertThat(here.template(ACCOUNT, "tpl-risk")).contains(template(AmountFormat.NUMBER));

        there.saveTemplate(ACCOUNT, template(AmountFormat.BAND));
        assertThat(here.template(ACCOUNT, "tpl-risk")).contains(template(AmountFormat.NUMBER));
        now.addAndGet(TTL.toNanos());
        assertThat(here.template(ACCOUNT, "tpl-risk")).contains(template(AmountFormat.BAND));
        assertThat(here.templates(ACCOUNT)).as("listings read the store").containsExactly(template(AmountFormat.BAND));
    }

    private static SignalTemplate template(AmountFormat format) {
        return new SignalTemplate("tpl-risk", OWN, format, AmountBands.standard());
    }

    /** The database both nodes share. */
    private static final class Store implements SignalSettingsPort {

        final AtomicInteger reads = new AtomicInteger();
        private final Map<AccountId, SignalSelection> selections = new HashMap<>();
        private final Map<String, SignalTemplate> templates = new HashMap<>();

        @Override
        public Optional<SignalSelection> selection(AccountId accountId) {
            reads.incrementAndGet();
            return Optional.ofNullable(selections.get(accountId));
        }

        @Override
        public void saveSelection(AccountId accountId, SignalSelection selection) {
            selections.put(accountId, selection);
        }

        @Override
        public Optional<SignalTemplate> template(AccountId accountId, String templateId) {
            return Optional.ofNullable(templates.get(templateId));
        }

        @Override
        public List<SignalTemplate> templates(AccountId accountId) {
            return List.copyOf(templates.values());
        }

        @Override
        public void saveTemplate(AccountId accountId, SignalTemplate template) {
            templates.put(template.id(), template);
        }
    }
}
