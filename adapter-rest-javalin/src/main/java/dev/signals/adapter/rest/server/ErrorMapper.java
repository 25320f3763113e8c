package dev.signals.adapter.rest.server;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.NotFoundException;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.domain.DomainException;
import dev.signals.domain.IllegalTransitionException;
import dev.signals.domain.InvalidValueException;
import dev.signals.domain.UnknownSignalException;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.IdempotencyKeyReusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where anything that went wrong becomes the contract's envelope: our own
 * {@link ApiException}; the application's and the domain's refusals (invalid commands and values, unknown
 * ids, an unreachable database); Javalin's own answers (unknown path, wrong method, body too large) and,
 * last, anything unexpected, which is logged with its request id and answered 500 without a stack trace.
 * Javalin picks the handler of the most specific exception class.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private final Responses responses;

    ErrorMapper(Responses responses) {
        this.responses = responses;
    }

    void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.getCause() != null) {
                LOG.warn("{} {} answered {} (request {})", ctx.method(), pathOf(ctx), e.status(), RequestIds.of(ctx), e.getCause());
            }
            responses.error(ctx, e);
        });
        app.exception(InvalidCommandException.class, (e, ctx) -> responses.error(ctx, ApiException.invalidFields(e.getMessage(),
                e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList())));
        app.exception(InvalidValueException.class, (e, ctx) -> responses.error(ctx, ApiException.invalidField(e.field(), e.getMessage())));
        app.exception(IdempotencyKeyReusedException.class, (e, ctx) -> responses.error(ctx,
                ApiException.unprocessableField(IdempotencyKey.HEADER, e.getMessage())));
        app.exception(UnknownSignalException.class, (e, ctx) -> responses.error(ctx, ApiException.invalidField("signals", e.getMessage())));
        app.exception(DomainException.class, (e, ctx) -> responses.error(ctx, ApiException.invalidParameters(e.getMessage())));
        // A request moved against its lifecycle is a bug of this service, not of the client (contract: 500).
        app.exception(IllegalTransitionException.class, (e, ctx) -> unexpected(e, ctx));
        app.exception(NotFoundException.class, (e, ctx) -> responses.error(ctx, ApiException.missingResource(e.getMessage())));
        app.exception(StorageUnavailableException.class, (e, ctx) -> {
            LOG.warn("Database unreachable during {} {} (request {})", ctx.method(), pathOf(ctx), RequestIds.of(ctx), e);
            responses.error(ctx, ApiException.serverUnavailable("The database cannot be reached; nothing was written, please retry"));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> responses.error(ctx, translate(e, ctx)));
        app.exception(Exception.class, this::unexpected);
        // Statuses Javalin sets without throwing (a 404 no route matched) also get the envelope.
        app.error(404, ctx -> {
            if (!isEnvelope(ctx)) {
                responses.error(ctx, ApiException.missingResource(notFoundMessage(ctx)));
            }
        });
    }

    private void unexpected(Exception e, Context ctx) {
        LOG.error("Unexpected failure of {} {} (request {})", ctx.method(), pathOf(ctx), RequestIds.of(ctx), e);
        responses.error(ctx, ApiException.serverError());
    }

    /**
     * The route's template when the failure came from an endpoint (ids stay out of the log), the path as sent when
     * it came before one matched (a before-handler, such as authentication reading the database): Javalin throws
     * when asked for an endpoint's path there, and an exception handler that throws makes Javalin handle its
     * exception again, without end, on a request thread that never answers.
     */
    private static String pathOf(Context ctx) {
        return ctx.handlerType().isHttpMethod() ? ctx.endpointHandlerPath() : ctx.path();
    }

    private static ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ApiException.missingResource(notFoundMessage(ctx));
            case 405 -> ApiException.unsupportedMethod("Method " + ctx.method() + " is not supported on " + ctx.path());
            case 413 -> ApiException.tooLarge(JavalinApp.TOO_LARGE_MESSAGE);
            case 415 -> ApiException.unsupportedType("The request body must be JSON");
            case 400 -> ApiException.invalidParameters(e.getMessage());
            default -> {
                LOG.warn("Unmapped HTTP {} for {} {}: {}", e.getStatus(), ctx.method(), ctx.path(), e.getMessage());
                yield e.getStatus() >= 500 ? ApiException.serverError() : ApiException.invalidParameters(e.getMessage());
            }
        };
    }

    /** The path alone, not the method: a HEAD answer is its GET's to the Content-Length. */
    private static String notFoundMessage(Context ctx) {
        return "No resource at " + ctx.path();
    }

    private static boolean isEnvelope(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }
}
