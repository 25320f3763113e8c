package dev.signals.application.port.in;

/** Whether a bearer token is the admin token. */
public interface AuthenticateAdminQuery {

    boolean isAdminToken(String token);
}
