package dev.signals.adapter.rest.server;

import io.javalin.Javalin;

/** A group of endpoints; the server adds every bound group. */
public interface Routes {

    void addTo(Javalin app);
}
