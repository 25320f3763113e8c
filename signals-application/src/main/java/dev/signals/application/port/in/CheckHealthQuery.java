package dev.signals.application.port.in;

/** Incoming port: is the service able to answer requests (contract section 7, {@code GET /health})? */
public interface CheckHealthQuery {

    HealthReport check();
}
