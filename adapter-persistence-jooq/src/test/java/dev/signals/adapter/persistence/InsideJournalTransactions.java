package dev.signals.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a test's action inside a journal transaction, in its thread, right after one of its statements: to hold an
 * append open while others commit, to fail it halfway, or to have another writer slip in. Installed on a
 * {@link Database}'s jOOQ context, it acts only in the thread that asked, and once.
 */
final class InsideJournalTransactions {

    /**
     * The first write of the journal in a transaction of an append or a retraction: on H2, the insert of its rows; on
     * PostgreSQL, whose event insert runs on JDBC unseen, the NOTIFY that follows it, or the insert of a retraction.
     */
    static final Predicate<String> AFTER_FIRST_WRITE = sql -> sql.startsWith("insert into event") || sql.startsWith("notify");
    /** An append's look-up of its event ids (not the check of which were retracted), before it inserts anything. */
    static final Predicate<String> AFTER_LOOKUP = sql -> sql.startsWith("select") && !sql.contains("event_retraction");

    private final ThreadLocal<Step> pending = new ThreadLocal<>();

    private InsideJournalTransactions() {
    }

    static InsideJournalTransactions on(Database database) {
        var inside = new InsideJournalTransactions();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                Step step = inside.pending.get();
                if (step != null && step.after().test(sqlOf(ctx))) {
                    inside.pending.remove();
                    step.action().run();
                }
            }
        };
        var configuration = database.dsl().configuration();
        List<ExecuteListenerProvider> providers = new ArrayList<>(Arrays.asList(configuration.executeListenerProviders()));
        providers.add(new DefaultExecuteListenerProvider(listener));
        configuration.set(providers.toArray(ExecuteListenerProvider[]::new));
        return inside;
    }

    /**
     * Calls {@code call} (an append or a retraction) in this thread, running {@code action} once inside its transaction,
     * right after the first statement that {@code after} accepts (lower-cased SQL).
     */
    <T> T calling(Supplier<T> call, Predicate<String> after, Runnable action) {
        pending.set(new Step(after, action));
        try {
            return call.get();
        } finally {
            pending.remove();
        }
    }

    private static String sqlOf(ExecuteContext ctx) {
        String sql = ctx.sql() != null ? ctx.sql() : String.join(";", ctx.batchSQL());
        return sql.strip().toLowerCase(Locale.ROOT);
    }

    private record Step(Predicate<String> after, Runnable action) {
    }
}
