package dev.signals.adapter.rest;

import io.javalin.Javalin;

/** A group of endpoints; the server adds every bound group. */
interface Routes {

    void addTo(Javalin app);
}
