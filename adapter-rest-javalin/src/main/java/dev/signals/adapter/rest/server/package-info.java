/**
 * The Javalin server's mechanics, the same for every endpoint: its configuration, the envelope every answer
 * comes in and the one mapping of failures to it, request ids and the access log, the HTTP timer, query
 * parameters, broken escapes and the graceful stop. The other parts plug in through {@link
 * dev.signals.adapter.rest.server.Routes} and {@link dev.signals.adapter.rest.server.BeforeFilter}, and answer
 * through {@link dev.signals.adapter.rest.server.Responses} or by throwing an
 * {@link dev.signals.adapter.rest.server.ApiException}. Depends on no other part of the adapter.
 */
package dev.signals.adapter.rest.server;
