package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.dto.PageResponse;
import dev.signals.adapter.rest.dto.RequestSignalsRequest;
import dev.signals.adapter.rest.dto.SignalResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.server.QueryParameters;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.ApiVersion;
import dev.signals.application.port.in.GetSignalRequestQuery;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.application.port.in.ListSignalRequestsQuery;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.SignalRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * Signal requests through both API versions (contract section 2): create, list and read, under
 * {@code /v1/alpha/signals} and {@code /v1/beta/signals}. The version decides only the shape of the answer
 * (and whether {@code templateId} is allowed, which the application checks), and beta's lists alone take Smile's
 * {@code signalType} filter.
 */
public final class SignalRoutes implements Routes {

    /** The header of an answer that is a request stored before, for a repeat of its {@code Idempotency-Key}. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final RequestSignalsUseCase requestSignals;
    private final GetSignalRequestQuery getSignalRequest;
    private final ListSignalRequestsQuery listSignalRequests;
    private final JsonBodies bodies;
    private final Responses responses;

    public SignalRoutes(RequestSignalsUseCase requestSignals, GetSignalRequestQuery getSignalRequest,
                 ListSignalRequestsQuery listSignalRequests, JsonBodies bodies, Responses responses) {
        this.requestSignals = requestSignals;
        this.getSignalRequest = getSignalRequest;
        this.listSignalRequests = listSignalRequests;
        this.bodies = bodies;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        for (ApiVersion version : ApiVersion.values()) {
            String path = "/v1/" + version.name().toLowerCase(Locale.ROOT) + "/signals";
            app.post(path, ctx -> create(ctx, version));
            app.get(path, ctx -> list(ctx, version));
            app.get(path + "/{id}", ctx -> get(ctx, version));
        }
    }

    private void create(Context ctx, ApiVersion version) {
        AccountId account = Authentication.accountId(ctx);
        RequestSignalsRequest body = bodies.read(ctx, RequestSignalsRequest.class);
        // The answer is written while the request is committed, and sent once it is durable.
        byte[] answer = requestSignals.request(
                body.toCommand(account, Authentication.institutionId(ctx), version, ctx.header(IdempotencyKey.HEADER)),
                created -> {
                    if (created.repeat()) { // a repeat of an Idempotency-Key: the request stored under it, again
                        ctx.header(REPLAYED, "true");
                    }
                    return responses.okBody(ctx, SignalResponse.of(version, created.request()));
                });
        responses.ok(ctx, answer);
    }

    private void list(Context ctx, ApiVersion version) {
        AccountId account = Authentication.accountId(ctx);
        ListSignalRequestsCommand command = new ListSignalRequestsCommand(account,
                QueryParameters.size(ctx),
                QueryParameters.text(ctx, "cursor"),
                QueryParameters.text(ctx, "signalId"),
                QueryParameters.text(ctx, "phone"),
                QueryParameters.text(ctx, "countryCode"),
                QueryParameters.date(ctx, "startDate"),
                QueryParameters.date(ctx, "endDate"),
                version == ApiVersion.BETA ? QueryParameters.text(ctx, "signalType") : null);
        responses.ok(ctx, PageResponse.of(listSignalRequests.list(command), request -> SignalResponse.of(version, request)));
    }

    private void get(Context ctx, ApiVersion version) {
        AccountId account = Authentication.accountId(ctx);
        SignalRequest request = getSignalRequest.get(account, ctx.pathParam("id"));
        responses.ok(ctx, SignalResponse.of(version, request));
    }
}
