package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.dto.ConsentTemplateResponse;
import dev.signals.adapter.rest.dto.CreateConsentTemplateRequest;
import dev.signals.adapter.rest.dto.PageResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.server.QueryParameters;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.Page;
import dev.signals.application.port.in.ListConsentTemplatesQuery;
import dev.signals.application.port.in.ManageConsentTemplatesUseCase;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** The account's consent templates (contract section 5): create (201), list a page at a time, delete. */
public final class ConsentTemplateRoutes implements Routes {

    private final ManageConsentTemplatesUseCase manage;
    private final ListConsentTemplatesQuery list;
    private final JsonBodies bodies;
    private final Responses responses;

    public ConsentTemplateRoutes(ManageConsentTemplatesUseCase manage, ListConsentTemplatesQuery list, JsonBodies bodies,
                          Responses responses) {
        this.manage = manage;
        this.list = list;
        this.bodies = bodies;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/consentTemplates", this::create);
        app.get("/v1/consentTemplates", this::list);
        app.delete("/v1/consentTemplates/{id}", this::delete);
    }

    private void create(Context ctx) {
        AccountId account = Authentication.accountId(ctx);
        CreateConsentTemplateRequest body = bodies.read(ctx, CreateConsentTemplateRequest.class);
        ConsentTemplate created = manage.create(body.toCommand(account));
        responses.created(ctx, ConsentTemplateResponse.of(created));
    }

    private void list(Context ctx) {
        AccountId account = Authentication.accountId(ctx);
        Page<ConsentTemplate> page = list.list(account, QueryParameters.size(ctx), QueryParameters.text(ctx, "cursor"));
        responses.ok(ctx, PageResponse.of(page, ConsentTemplateResponse::of));
    }

    private void delete(Context ctx) {
        AccountId account = Authentication.accountId(ctx);
        manage.delete(account, ctx.pathParam("id"));
        responses.okWithoutData(ctx);
    }
}
