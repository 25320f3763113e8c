package dev.signals.adapter.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where anything that went wrong becomes the contract's envelope: our own
 * {@link ApiException}, Javalin's own answers (unknown path, wrong method, body too large) and, last,
 * anything unexpected, which is logged with its request id and answered 500 without a stack trace.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private final Responses responses;

    ErrorMapper(Responses responses) {
        this.responses = responses;
    }

    void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> responses.error(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> responses.error(ctx, translate(e, ctx)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure of {} {} (request {})", ctx.method(), ctx.endpointHandlerPath(), RequestIds.of(ctx), e);
            responses.error(ctx, serverError());
        });
        // Statuses Javalin sets without throwing (a 404 no route matched) also get the envelope.
        app.error(404, ctx -> {
            if (!isEnvelope(ctx)) {
                responses.error(ctx, ApiException.missingResource(notFoundMessage(ctx)));
            }
        });
    }

    private static ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ApiException.missingResource(notFoundMessage(ctx));
            case 405 -> ApiException.unsupportedMethod("Method " + ctx.method() + " is not supported on " + ctx.path());
            case 413 -> ApiException.tooLarge("The request body is larger than this service accepts");
            case 415 -> ApiException.unsupportedType("The request body must be JSON");
            case 400 -> ApiException.invalidParameters(e.getMessage());
            default -> {
                LOG.warn("Unmapped HTTP {} for {} {}: {}", e.getStatus(), ctx.method(), ctx.path(), e.getMessage());
                yield e.getStatus() >= 500 ? serverError() : ApiException.invalidParameters(e.getMessage());
            }
        };
    }

    private static ApiException serverError() {
        return ApiException.serverError();
    }

    private static String notFoundMessage(Context ctx) {
        return "No resource at " + ctx.method() + " " + ctx.path();
    }

    private static boolean isEnvelope(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }
}
