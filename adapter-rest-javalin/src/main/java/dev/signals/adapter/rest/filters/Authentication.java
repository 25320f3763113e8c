package dev.signals.adapter.rest.filters;

import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.BeforeFilter;
import dev.signals.application.port.in.AuthenticateAdminQuery;
import dev.signals.application.port.in.AuthenticateClientQuery;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import io.javalin.http.Context;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling (contract section 1), checked before any {@code /v1} handler runs: admin paths
 * ({@code /v1/admin/...}) need {@code Authorization: Bearer <admin token>}, every other path HTTP Basic
 * {@code base64(apiKey:apiSecret)}. The authenticated account is kept on the request for the handlers,
 * which read it with {@link #accountId(Context)}; an admin handler confirms with {@link #requireAdmin(Context)}.
 * Both fail closed, so a handler reached without this filter still answers 401. Credentials are
 * never logged nor repeated in an answer.
 */
public final class Authentication implements BeforeFilter {

    private static final String ACCOUNT = "signals.account";
    private static final String ADMIN = "signals.admin";
    private static final String ADMIN_PATH = "/v1/admin";

    /** The failed-attempt key of the admin token, apart from every API key. */
    private static final String ADMIN_KEY = "\u0000admin";

    private final AuthenticateClientQuery clients;
    private final AuthenticateAdminQuery admin;
    private final RateLimits limits;

    public Authentication(AuthenticateClientQuery clients, AuthenticateAdminQuery admin, RateLimits limits) {
        this.clients = clients;
        this.admin = admin;
        this.limits = limits;
    }

    @Override
    public String paths() {
        return "/v1/*";
    }

    @Override
    public void filter(Context ctx) {
        if (isAdminPath(ctx.path())) {
            authenticateAdmin(ctx);
        } else {
            authenticateClient(ctx);
        }
    }

    /** The calling account's id. */
    public static AccountId accountId(Context ctx) {
        return account(ctx).id();
    }

    /** The institution of the calling account, to which the events it reports belong. */
    public static InstitutionId institutionId(Context ctx) {
        return account(ctx).institutionId();
    }

    private static Account account(Context ctx) {
        Account account = ctx.attribute(ACCOUNT);
        if (account == null) {
            throw ApiException.invalidCredentials("This endpoint needs HTTP Basic credentials: base64(apiKey:apiSecret)");
        }
        return account;
    }

    /** Confirms that the admin token was checked for this request. */
    public static void requireAdmin(Context ctx) {
        if (!Boolean.TRUE.equals(ctx.attribute(ADMIN))) {
            throw ApiException.invalidToken("This endpoint needs the admin token: Authorization: Bearer <token>");
        }
    }

    private static boolean isAdminPath(String path) {
        return path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/");
    }

    private void authenticateAdmin(Context ctx) {
        String token = credentials(ctx, "Bearer")
                .orElseThrow(() -> ApiException.invalidToken("Admin endpoints need Authorization: Bearer <admin token>"));
        refuseWhileLocked(ADMIN_KEY, "Too many wrong admin tokens");
        if (token.isEmpty() || !admin.isAdminToken(token)) {
            limits.failed(ADMIN_KEY);
            throw ApiException.invalidToken("The admin token is wrong");
        }
        limits.succeeded(ADMIN_KEY);
        ctx.attribute(ADMIN, true);
    }

    private void authenticateClient(Context ctx) {
        String encoded = credentials(ctx, "Basic")
                .orElseThrow(() -> ApiException.invalidCredentials("Client endpoints need Authorization: Basic base64(apiKey:apiSecret)"));
        String decoded = decode(encoded);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw ApiException.invalidCredentials("The Basic credentials must be base64 of apiKey:apiSecret, with a colon between them");
        }
        String apiKey = decoded.substring(0, colon);
        refuseWhileLocked(apiKey, "Too many failed attempts with this API key");
        Account account = clients.authenticate(apiKey, decoded.substring(colon + 1)).orElse(null);
        if (account == null) {
            limits.failed(apiKey);
            throw ApiException.invalidCredentials("The API key or secret is wrong");
        }
        limits.succeeded(apiKey);
        long wait = limits.acquire(account.id().value());
        if (wait > 0) {
            throw ApiException.requestLimitExceeded("This account is over its request rate limit", wait);
        }
        ctx.attribute(ACCOUNT, account);
    }

    private void refuseWhileLocked(String key, String message) {
        long locked = limits.lockedFor(key);
        if (locked > 0) {
            throw ApiException.requestLimitExceeded(message, locked);
        }
    }

    /** What follows {@code scheme} in the Authorization header (scheme matched case-insensitively), trimmed. */
    private static Optional<String> credentials(Context ctx, String scheme) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip());
    }

    private static String decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw ApiException.invalidCredentials("The Basic credentials are not valid base64 of UTF-8 apiKey:apiSecret");
        }
    }
}
