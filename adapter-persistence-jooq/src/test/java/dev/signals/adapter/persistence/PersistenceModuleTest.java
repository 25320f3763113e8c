package dev.signals.adapter.persistence;

import com.google.inject.Guice;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistenceModuleTest {

    @Test
    void everyPortIsBoundToOneInstanceAndBindingOpensNothing() {
        var injector = Guice.createInjector(new PersistenceModule(DatabaseSettings.of("jdbc:h2:mem:never-opened", "sa", "")));

        assertThat(injector.getInstance(AccountPort.class)).isInstanceOf(JooqAccountRepository.class)
                .isSameAs(injector.getInstance(AccountPort.class));
        assertThat(injector.getInstance(ConsentTemplatePort.class)).isInstanceOf(JooqConsentTemplateRepository.class);
        assertThat(injector.getInstance(SignalSettingsPort.class)).isInstanceOf(JooqSignalSettingsRepository.class);
        assertThat(injector.getInstance(SaveSignalRequestPort.class)).isInstanceOf(JooqSignalRequestRepository.class)
                .isSameAs(injector.getInstance(LoadSignalRequestPort.class));
        assertThat(injector.getInstance(EventJournalPort.class)).isInstanceOf(JooqEventJournal.class)
                .isSameAs(injector.getInstance(EventJournalPort.class));
        assertThatThrownBy(() -> injector.getInstance(Database.class).dsl())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the database has not been started");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theBoundPortsShareTheStartedDatabase(DatabaseKind kind) {
        try (var testDatabase = TestDatabases.create(kind)) {
            var injector = Guice.createInjector(new PersistenceModule(testDatabase.settings()));
            try (var database = injector.getInstance(Database.class)) {
                database.start();
                var account = new Account(new AccountId("acc-wired"), "Wired Lender", new InstitutionId("inst-wired"),
                        "key_wired_0123456789", Instant.parse("2024-08-09T12:55:51Z"));

                injector.getInstance(AccountPort.class).insert(account, "hash");
                injector.getInstance(SignalSettingsPort.class)
                        .saveSelection(account.id(), SignalCatalogue.standard().defaultSelection());

                assertThat(injector.getInstance(AccountPort.class).load(account.id())).contains(account);
                assertThat(injector.getInstance(SignalSettingsPort.class).selection(account.id()))
                        .contains(SignalCatalogue.standard().defaultSelection());

                var event = new Event("evt-wired", account.institutionId(), EventType.MARKETING,
                        new PhoneNumber("+639171234567"), null, account.createdAt(), account.createdAt(), null, null, null);
                var journal = injector.getInstance(EventJournalPort.class);
                assertThat(journal.append(account.institutionId(), List.of(event)).outcomes()).containsExactly(EventJournalPort.Appended.NEW);
                List<Event> replayed = new ArrayList<>();
                injector.getInstance(JournalFeedPort.class).readSince(JournalPosition.START, 10,
                        page -> page.forEach(fed -> replayed.add(fed.event())));
                assertThat(replayed).containsExactly(event);
            }
        }
    }
}
