package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.dto.CatalogueEntryResponse;
import dev.signals.adapter.rest.dto.ItemsResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.CatalogueEntry;
import dev.signals.application.port.in.ListCatalogueQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;

/** {@code GET /v1/catalog}: all 108 signals in catalogue order, marked with the caller's selection (contract section 3.1). */
public final class CatalogueRoutes implements Routes {

    private final ListCatalogueQuery catalogue;
    private final Responses responses;

    public CatalogueRoutes(ListCatalogueQuery catalogue, Responses responses) {
        this.catalogue = catalogue;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/catalog", this::list);
    }

    private void list(Context ctx) {
        List<CatalogueEntry> entries = catalogue.list(Authentication.accountId(ctx));
        responses.ok(ctx, new ItemsResponse<>(entries.stream().map(CatalogueEntryResponse::of).toList()));
    }
}
