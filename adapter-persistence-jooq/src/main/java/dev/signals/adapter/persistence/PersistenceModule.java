package dev.signals.adapter.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.AdminTokenPort;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.application.port.out.DatabaseHealthPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.NodeRegistryPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.application.port.out.SubjectRecordsPort;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds the persistence adapter's implementations of the outgoing ports. Opens nothing by itself. When the
 * assembly binds a metrics registry, the connection pool reports to it.
 */
public final class PersistenceModule extends AbstractModule {

    private final DatabaseSettings settings;

    public PersistenceModule(DatabaseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(SaveSignalRequestPort.class).to(JooqSignalRequestRepository.class);
        bind(LoadSignalRequestPort.class).to(JooqSignalRequestRepository.class);
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    }

    @Provides
    @Singleton
    Database database(Optional<MeterRegistry> metrics) {
        return new Database(settings, metrics.orElse(null));
    }

    @Provides
    @Singleton
    DatabaseHealthPort databaseHealth(Database database) {
        return new JooqDatabaseHealth(database);
    }

    @Provides
    @Singleton
    AccountPort accounts(Database database) {
        return new JooqAccountRepository(database);
    }

    @Provides
    @Singleton
    ConsentTemplatePort consentTemplates(Database database) {
        return new JooqConsentTemplateRepository(database);
    }

    @Provides
    @Singleton
    SignalSettingsPort signalSettings(Database database) {
        return new JooqSignalSettingsRepository(database);
    }

    @Provides
    @Singleton
    EventJournalPort eventJournal(Database database) {
        return new JooqEventJournal(database);
    }

    @Provides
    @Singleton
    SubjectRecordsPort subjectRecords(Database database) {
        return new JooqSubjectRecords(database);
    }

    @Provides
    @Singleton
    AdminTokenPort adminToken(Database database) {
        return new JooqAdminTokenRepository(database, Clock.systemUTC());
    }

    @Provides
    @Singleton
    NodeRegistryPort nodeRegistry(Database database) {
        return new JooqNodeRegistry(database);
    }

    @Provides
    @Singleton
    JournalFeedPort journalFeed(Database database) {
        JooqJournalFeed feed = new JooqJournalFeed(database);
        database.closeAlso(feed);
        return feed;
    }

    /** One repository serves both signal request ports. */
    @Provides
    @Singleton
    JooqSignalRequestRepository signalRequests(Database database) {
        return new JooqSignalRequestRepository(database);
    }
}
