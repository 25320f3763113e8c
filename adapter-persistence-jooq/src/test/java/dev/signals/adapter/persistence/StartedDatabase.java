package dev.signals.adapter.persistence;

import org.jooq.DSLContext;

/** A private test database of one kind, migrated and started; closing it closes the pool and drops the data. */
final class StartedDatabase implements AutoCloseable {

    private final TestDatabases.TestDatabase testDatabase;
    private final Database database;

    private StartedDatabase(TestDatabases.TestDatabase testDatabase, Database database) {
        this.testDatabase = testDatabase;
        this.database = database;
    }

    static StartedDatabase start(DatabaseKind kind) {
        TestDatabases.TestDatabase testDatabase = TestDatabases.create(kind);
        return start(testDatabase, new Database(testDatabase.settings()));
    }

    /** Starts {@code database}, whose settings point at {@code testDatabase}. */
    static StartedDatabase start(TestDatabases.TestDatabase testDatabase, Database database) {
        try {
            database.start();
        } catch (RuntimeException e) {
            testDatabase.close();
            throw e;
        }
        return new StartedDatabase(testDatabase, database);
    }

    /**
     * Another instance of the service on {@code started}'s database: its own pool and jOOQ context; closing it
     * closes that pool and drops nothing.
     */
    static StartedDatabase sharing(StartedDatabase started) {
        DatabaseSettings settings = started.database.settings();
        return start(new TestDatabases.TestDatabase(settings, () -> { }), new Database(settings));
    }

    Database database() {
        return database;
    }

    /** For arranging and inspecting rows directly, beside the repository under test. */
    DSLContext dsl() {
        return database.dsl();
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            testDatabase.close();
        }
    }
}
