package dev.signals.adapter.rest.server;

import io.javalin.http.Context;

/**
 * A check the server runs before the endpoints of the paths it guards: after its own (the request id, broken
 * escapes, a stop in progress) and before any route group's handler. It lets the request go on, noting on it
 * what it learned (the calling account), or throws the {@link ApiException} that answers it instead.
 */
public interface BeforeFilter {

    /** The paths it guards, as Javalin writes them: {@code /v1/*}. */
    String paths();

    void filter(Context ctx);
}
