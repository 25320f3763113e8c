/**
 * The REST adapter's public face: {@link dev.signals.adapter.rest.RestModule} binds it over the application's
 * incoming ports, {@link dev.signals.adapter.rest.HttpServer} is what the lifecycle starts and stops, and
 * {@link dev.signals.adapter.rest.RestSettings} are its limits. Its parts live in the packages below:
 * {@code server} (the Javalin server's mechanics), {@code filters} (checks before the routes), {@code routes}
 * (the endpoint groups), {@code dto} (their request and response records) and {@code json} (the mapper, bodies
 * and events in JSON).
 */
package dev.signals.adapter.rest;
