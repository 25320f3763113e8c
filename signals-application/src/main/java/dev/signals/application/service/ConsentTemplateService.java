package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.Page;
import dev.signals.application.port.PageCursor;
import dev.signals.application.port.in.CreateConsentTemplateCommand;
import dev.signals.application.port.in.ListConsentTemplatesQuery;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.application.port.in.ManageConsentTemplatesUseCase;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The account's stored consent documents (contract section 5). */
public final class ConsentTemplateService implements ManageConsentTemplatesUseCase, ListConsentTemplatesQuery {

    private final ConsentTemplatePort templates;
    private final CommandValidation validation;
    private final Clock clock;

    public ConsentTemplateService(ConsentTemplatePort templates, CommandValidation validation, Clock clock) {
        this.templates = templates;
        this.validation = validation;
        this.clock = clock;
    }

    @Override
    public ConsentTemplate create(CreateConsentTemplateCommand command) {
        validation.check(command);
        ConsentTemplate template = new ConsentTemplate(
                ConsentTemplateId.fromUuid(UUID.randomUUID()),
                command.consentType(),
                command.title(),
                command.version(),
                command.consentMethod(),
                command.consentText(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        templates.insert(command.accountId(), template);
        return template;
    }

    @Override
    public void delete(AccountId accountId, String consentTemplateId) {
        Optional<ConsentTemplateId> id = ConsentTemplateId.parse(consentTemplateId);
        if (id.isEmpty() || !templates.delete(accountId, id.get())) {
            throw new NotFoundException("No consent template " + consentTemplateId);
        }
    }

    @Override
    public Page<ConsentTemplate> list(AccountId accountId, Integer size, String cursor) {
        int limit = pageSize(size);
        PageCursor after = PageCursor.after(cursor);
        List<ConsentTemplate> rows = templates.list(accountId, after, limit + 1);
        return Paging.page(rows, limit, template -> new PageCursor(template.createdAt(), template.id().value()));
    }

    static int pageSize(Integer size) {
        if (size == null) {
            return ListSignalRequestsCommand.DEFAULT_SIZE;
        }
        if (size < 1 || size > 150) {
            throw InvalidCommandException.of("size", ListSignalRequestsCommand.PAGE_SIZE_RULE);
        }
        return size;
    }
}
