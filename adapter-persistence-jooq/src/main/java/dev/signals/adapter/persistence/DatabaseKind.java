package dev.signals.adapter.persistence;

import org.jooq.SQLDialect;

import java.util.Locale;

/** The two databases this adapter supports, told apart by the JDBC URL. */
public enum DatabaseKind {
    H2(SQLDialect.H2, "jdbc:h2:"),
    POSTGRES(SQLDialect.POSTGRES, "jdbc:postgresql:");

    private final SQLDialect dialect;
    private final String urlPrefix;

    DatabaseKind(SQLDialect dialect, String urlPrefix) {
        this.dialect = dialect;
        this.urlPrefix = urlPrefix;
    }

    SQLDialect dialect() {
        return dialect;
    }

    /** @throws IllegalArgumentException naming the two accepted URL forms */
    public static DatabaseKind of(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (url.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "SIGNALS_DB_URL must be a jdbc:h2: or a jdbc:postgresql: URL, was '" + jdbcUrl + "'");
    }
}
