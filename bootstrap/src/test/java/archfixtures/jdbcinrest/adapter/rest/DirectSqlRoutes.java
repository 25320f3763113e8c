package archfixtures.jdbcinrest.adapter.rest;

/** A REST class that runs SQL over JDBC. */
public final class DirectSqlRoutes {

    public boolean ping(java.sql.Connection connection) throws java.sql.SQLException {
        return connection.isValid(1);
    }
}
