package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.dto.CreateAccountRequest;
import dev.signals.adapter.rest.dto.ItemsResponse;
import dev.signals.adapter.rest.dto.NewAccountResponse;
import dev.signals.adapter.rest.dto.PutSignalTemplateRequest;
import dev.signals.adapter.rest.dto.SignalSelectionRequest;
import dev.signals.adapter.rest.dto.SignalSelectionResponse;
import dev.signals.adapter.rest.dto.SignalTemplateResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.ManageSignalSelectionUseCase;
import dev.signals.application.port.in.ManageSignalTemplatesUseCase;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.template.SignalTemplate;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;

/**
 * The admin API (contract sections 3.3 and 6), behind the admin token: accounts, their alpha selection and
 * their beta templates. An account id in the path that could not be one is answered like an unknown one, 404.
 */
public final class AdminRoutes implements Routes {

    private static final String ACCOUNT = "/v1/admin/accounts/{accountId}";

    private final CreateAccountUseCase accounts;
    private final ManageSignalSelectionUseCase selections;
    private final ManageSignalTemplatesUseCase templates;
    private final JsonBodies bodies;
    private final Responses responses;

    public AdminRoutes(CreateAccountUseCase accounts, ManageSignalSelectionUseCase selections,
                ManageSignalTemplatesUseCase templates, JsonBodies bodies, Responses responses) {
        this.accounts = accounts;
        this.selections = selections;
        this.templates = templates;
        this.bodies = bodies;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/admin/accounts", this::createAccount);
        app.get(ACCOUNT + "/selection", this::selection);
        app.put(ACCOUNT + "/selection", this::replaceSelection);
        app.get(ACCOUNT + "/templates", this::templates);
        app.put(ACCOUNT + "/templates/{templateId}", this::putTemplate);
    }

    private void createAccount(Context ctx) {
        Authentication.requireAdmin(ctx);
        CreateAccountRequest body = bodies.read(ctx, CreateAccountRequest.class);
        responses.created(ctx, NewAccountResponse.of(accounts.create(body.toCommand())));
    }

    private void selection(Context ctx) {
        Authentication.requireAdmin(ctx);
        responses.ok(ctx, SignalSelectionResponse.of(selections.selectionOf(accountId(ctx))));
    }

    private void replaceSelection(Context ctx) {
        Authentication.requireAdmin(ctx);
        AccountId account = accountId(ctx);
        SignalSelectionRequest body = bodies.read(ctx, SignalSelectionRequest.class);
        responses.ok(ctx, SignalSelectionResponse.of(selections.replaceSelection(account, body.signals())));
    }

    private void templates(Context ctx) {
        Authentication.requireAdmin(ctx);
        List<SignalTemplate> all = templates.templatesOf(accountId(ctx));
        responses.ok(ctx, new ItemsResponse<>(all.stream().map(SignalTemplateResponse::of).toList()));
    }

    private void putTemplate(Context ctx) {
        Authentication.requireAdmin(ctx);
        AccountId account = accountId(ctx);
        PutSignalTemplateRequest body = bodies.read(ctx, PutSignalTemplateRequest.class);
        SignalTemplate saved = templates.put(body.toCommand(account, ctx.pathParam("templateId")));
        responses.ok(ctx, SignalTemplateResponse.of(saved));
    }

    private static AccountId accountId(Context ctx) {
        try {
            return new AccountId(ctx.pathParam("accountId"));
        } catch (InvalidValueException e) {
            throw ApiException.missingResource("No account with this id");
        }
    }
}
