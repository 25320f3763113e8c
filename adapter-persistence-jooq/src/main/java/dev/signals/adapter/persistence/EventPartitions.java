package dev.signals.adapter.persistence;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL only: the monthly partitions of {@code event} (V19) are created ahead, the current month's (UTC) and the
 * next {@value #MONTHS_AHEAD} months', when the node starts and then every hour while it runs, by the database's
 * function {@code create_event_partitions_ahead}, which creates those missing and lets nodes that call it at once
 * take turns. Usually each call finds them all and changes nothing.
 *
 * <p>Creating a partition locks the whole of {@code event} for a moment, so a call waits at most
 * {@value #LOCK_TIMEOUT} for that lock (a long read of the journal holds it back), and one that fails is logged and
 * tried again an hour later: with {@value #MONTHS_AHEAD} months ahead, there are months to go before an event could
 * find no partition of its own, and it would then land in the default partition, where it is still read like any
 * other.
 */
final class EventPartitions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPartitions.class);

    /** The months created ahead after the current one. */
    static final int MONTHS_AHEAD = 3;
    private static final String LOCK_TIMEOUT = "5s";

    private final DSLContext dsl;
    private final ScheduledExecutorService rounds;

    private EventPartitions(DSLContext dsl) {
        this.dsl = dsl;
        this.rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-partitions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the partitions ahead now, then every hour until closed. */
    static EventPartitions start(DSLContext dsl) {
        EventPartitions partitions = new EventPartitions(dsl);
        partitions.createAhead();
        partitions.rounds.scheduleWithFixedDelay(partitions::createAhead, 1, 1, TimeUnit.HOURS);
        return partitions;
    }

    private void createAhead() {
        try {
            int created = createAhead(dsl);
            if (created > 0) {
                LOG.info("Created {} monthly partition(s) of the event table ahead", created);
            }
        } catch (RuntimeException e) {
            LOG.warn("Creating the event table's partitions ahead failed; trying again in an hour", e);
        }
    }

    /** Creates the partitions ahead that are missing, in a transaction of its own; the number created. */
    static int createAhead(DSLContext dsl) {
        return dsl.transactionResult(configuration -> {
            DSLContext transaction = configuration.dsl();
            transaction.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
            return transaction.fetchSingle("select create_event_partitions_ahead(?)", MONTHS_AHEAD).get(0, Integer.class);
        });
    }

    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
