package dev.signals.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.signals.adapter.eventsource.inmemory.FileIndexCheckpoints;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.application.CommandValidation;
import dev.signals.application.cache.ExpiringSignalSettings;
import dev.signals.application.port.in.AuthenticateAdminQuery;
import dev.signals.application.port.in.AuthenticateClientQuery;
import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.DeploymentQuery;
import dev.signals.application.port.in.IssueAdminTokenUseCase;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.IndexCheckpointPort;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.service.EventReportService;
import dev.signals.application.service.RetractionService;
import dev.signals.application.subject.PhoneNumbers;
import dev.signals.application.port.in.AgeIndexUseCase;
import dev.signals.application.port.in.FollowJournalUseCase;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.in.GetSignalRequestQuery;
import dev.signals.application.port.in.ListCatalogueQuery;
import dev.signals.application.port.in.ListConsentTemplatesQuery;
import dev.signals.application.port.in.ListSignalRequestsQuery;
import dev.signals.application.port.in.ManageConsentTemplatesUseCase;
import dev.signals.application.port.in.ManageSignalSelectionUseCase;
import dev.signals.application.port.in.ManageSignalTemplatesUseCase;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.AdminTokenPort;
import dev.signals.application.port.out.NodeRegistryPort;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.application.port.out.DatabaseHealthPort;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.application.service.AccountService;
import dev.signals.application.service.AdminTokenService;
import dev.signals.application.service.ConsentTemplateService;
import dev.signals.application.service.DeploymentService;
import dev.signals.application.service.HealthService;
import dev.signals.application.service.IndexAging;
import dev.signals.application.service.JournalFollower;
import dev.signals.application.service.SignalRequestService;
import dev.signals.application.service.SignalSettingsService;
import dev.signals.application.subject.SubjectParser;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.SignalCatalogue;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import java.time.Clock;

/**
 * The application's services, wired to whatever adapters implement their outgoing ports. The
 * application layer carries no injection annotations, so its services are built here.
 */
final class ApplicationModule extends AbstractModule {

    private final SignalsConfig config;

    ApplicationModule(SignalsConfig config) {
        this.config = config;
    }

    /** Each incoming and outgoing port the application's services implement, bound to its service. */
    @Override
    protected void configure() {
        bind(CreateAccountUseCase.class).to(AccountService.class);
        bind(AuthenticateClientQuery.class).to(AccountService.class);
        bind(AuthenticateAdminQuery.class).to(AdminTokenService.class);
        bind(IssueAdminTokenUseCase.class).to(AdminTokenService.class);
        bind(DeploymentQuery.class).to(DeploymentService.class);
        bind(ManageConsentTemplatesUseCase.class).to(ConsentTemplateService.class);
        bind(ListConsentTemplatesQuery.class).to(ConsentTemplateService.class);
        bind(ManageSignalSelectionUseCase.class).to(SignalSettingsService.class);
        bind(ManageSignalTemplatesUseCase.class).to(SignalSettingsService.class);
        bind(ListCatalogueQuery.class).to(SignalSettingsService.class);
        bind(RequestSignalsUseCase.class).to(SignalRequestService.class);
        bind(GetSignalRequestQuery.class).to(SignalRequestService.class);
        bind(ListSignalRequestsQuery.class).to(SignalRequestService.class);
        bind(AppendedEventsPort.class).to(JournalFollower.class);
        bind(FollowJournalUseCase.class).to(JournalFollower.class);
        bind(IndexStatusQuery.class).to(JournalFollower.class);
        bind(ReportEventsUseCase.class).to(EventReportService.class);
        bind(RetractEventsUseCase.class).to(RetractionService.class);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    CommandValidation validation() {
        ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
        return new CommandValidation(factory.getValidator());
    }

    @Provides
    @Singleton
    CheckHealthQuery checkHealth(DatabaseHealthPort database, IndexStatusQuery index) {
        return new HealthService(database, index);
    }

    @Provides
    @Singleton
    AccountService accountService(AccountPort accounts, CommandValidation validation, Clock clock) {
        return new AccountService(accounts, validation, clock);
    }

    @Provides
    @Singleton
    AdminTokenService adminTokenService(AdminTokenPort store) {
        return new AdminTokenService(store, config.adminToken(), System::nanoTime);
    }

    @Provides
    @Singleton
    DeploymentService deploymentService(NodeRegistryPort registry, Clock clock) {
        return new DeploymentService(registry, clock);
    }

    @Provides
    @Singleton
    ConsentTemplateService consentTemplateService(ConsentTemplatePort templates, CommandValidation validation, Clock clock) {
        return new ConsentTemplateService(templates, validation, clock);
    }

    @Provides
    @Singleton
    SignalSettingsService signalSettingsService(ExpiringSignalSettings settings, AccountPort accounts, CommandValidation validation) {
        return new SignalSettingsService(SignalCatalogue.standard(), settings, accounts, validation);
    }

    /** The stored settings, each read kept for 500 ms: every signal request reads its account's. */
    @Provides
    @Singleton
    ExpiringSignalSettings freshSettings(SignalSettingsPort settings) {
        return new ExpiringSignalSettings(settings, ExpiringSignalSettings.TIME_TO_LIVE, System::nanoTime);
    }

    @Provides
    @Singleton
    SignalRequestService signalRequestService(SaveSignalRequestPort save, LoadSignalRequestPort load,
                                              LoadSubjectEventsPort events, SubjectRecordsPort records,
                                              ConsentTemplatePort consentTemplates, ExpiringSignalSettings settings,
                                              CommandValidation validation, Clock clock) {
        return new SignalRequestService(save, load, events, records, consentTemplates, settings, SignalCatalogue.standard(),
                new SubjectParser(), new SignalCalculator(), validation, clock);
    }

    @Provides
    @Singleton
    JournalFollower journalFollower(EventIndexPort index, JournalFeedPort feed, IndexCheckpointPort checkpoints, Clock clock) {
        return new JournalFollower(index, feed, checkpoints, clock);
    }

    @Provides
    @Singleton
    AgeIndexUseCase indexAging(EventIndexPort index, Clock clock) {
        return new IndexAging(index, config.indexHorizon(), clock);
    }

    /** This node's checkpoints of its index, in its data directory; none when their interval is zero. */
    @Provides
    @Singleton
    IndexCheckpointPort indexCheckpoints(InMemoryEventIndex index) {
        return config.checkpointInterval().isZero() ? IndexCheckpointPort.NONE
                : new FileIndexCheckpoints(index, config.checkpointDirectory());
    }

    @Provides
    @Singleton
    EventReportService eventReportService(EventJournalPort journal, AppendedEventsPort index, Clock clock) {
        return new EventReportService(journal, index, new PhoneNumbers(), clock);
    }

    @Provides
    @Singleton
    RetractionService retractionService(EventJournalPort journal, AppendedEventsPort index, Clock clock) {
        return new RetractionService(journal, index, clock);
    }
}
