package dev.signals.adapter.rest.filters;

import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.BeforeFilter;
import dev.signals.application.port.in.IndexStatusQuery;
import io.javalin.http.Context;

/**
 * Until this node's event index has read the journal once, the API answers 503 (contract section 7.1): its
 * signals would be computed from part of the network's events, and the events it took could not be told apart
 * from the ones it reads. {@code /health} says the same, with how far it has got; the documents and metrics
 * outside {@code /v1} answer as ever.
 */
public final class Readiness implements BeforeFilter {

    private final IndexStatusQuery index;

    public Readiness(IndexStatusQuery index) {
        this.index = index;
    }

    @Override
    public String paths() {
        return "/v1/*";
    }

    @Override
    public void filter(Context ctx) {
        if (!index.indexStatus().ready()) {
            throw ApiException.serverUnavailable(
                    "This node is starting: its event index is reading the journal; please retry, or ask another node");
        }
    }
}
