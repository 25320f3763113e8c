package dev.signals.adapter.persistence;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL only: inserts events that are not stored yet, many rows in one statement, and says which it
 * inserted. The rows travel as one array per column, unnested into rows by the server. Each event's id goes first into
 * {@code event_key}, the unique key of the event ids per institution beside the partitioned {@code event} (V19), with
 * the {@code seq} the event takes from {@code event}'s identity: an event id the institution already has (or that a
 * concurrent transaction is inserting: the statement waits for it to end) is skipped there by
 * {@code ON CONFLICT DO NOTHING}, which is what makes the statement safe to run without looking the ids up first, and
 * the event rows of the ids it inserted go into {@code event}, into their months' partitions. The ids are inserted in
 * the order given.
 *
 * <p>Every array is sent as text with its element type named, so the driver needs no knowledge of the element
 * types; an instant is written as ISO-8601 in UTC, microseconds at most ({@link Timestamps}), which PostgreSQL
 * reads the same whatever the session's time zone.
 */
final class PostgresEventInsert {

    private static final String SQL = """
            with e as (
                select * from unnest(?::varchar[], ?::smallint[], ?::varchar[], ?::varchar[], ?::timestamptz[],
                                     ?::timestamptz[], ?::numeric[], ?::integer[], ?::boolean[]) with ordinality
                     as e (event_id, type, phone, email_address, occurred_at, reported_at, amount, overdue_days,
                           auto_repayment, position)
            ), k as (
                insert into event_key (seq, occurred_at, institution_id, event_id)
                select nextval('event_seq_seq'), e.occurred_at, ?, e.event_id from e order by e.position
                on conflict (event_id, institution_id) do nothing
                returning seq, event_id
            )
            insert into event (seq, institution_id, event_id, type, phone, email_address, occurred_at, reported_at,
                               amount, overdue_days, auto_repayment)
            select k.seq, ?, e.event_id, e.type, e.phone, e.email_address, e.occurred_at, e.reported_at,
                   e.amount, e.overdue_days, e.auto_repayment
            from k join e on e.event_id = k.event_id
            returning event_id, tx""";

    private PostgresEventInsert() {
    }

    /**
     * What one statement inserted: the event ids of {@code events} it inserted (the others were stored already),
     * and the number of the transaction it ran in (the {@code tx} of its rows; 0 when it inserted none).
     */
    record Inserted(List<String> eventIds, long transaction) {
    }

    static Inserted insertNew(Connection connection, int timeoutSeconds, InstitutionId institution, List<Event> events)
            throws SQLException {
        int n = events.size();
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] phones = new String[n];
        String[] emails = new String[n];
        String[] occurredAt = new String[n];
        String[] reportedAt = new String[n];
        String[] amounts = new String[n];
        String[] overdueDays = new String[n];
        String[] autoRepayments = new String[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            eventIds[i] = event.eventId();
            types[i] = Short.toString(EventMapper.typeCode(event.type()));
            phones[i] = event.phone() == null ? null : event.phone().e164();
            emails[i] = event.emailAddress() == null ? null : event.emailAddress().value();
            occurredAt[i] = Timestamps.toText(event.occurredAt());
            reportedAt[i] = Timestamps.toText(event.reportedAt());
            amounts[i] = event.amount() == null ? null : event.amount().toPlainString();
            overdueDays[i] = event.overdueDays() == null ? null : event.overdueDays().toString();
            autoRepayments[i] = event.autoRepayment() == null ? null : event.autoRepayment().toString();
        }
        List<Array> arrays = new ArrayList<>(9);
        try (PreparedStatement insert = connection.prepareStatement(SQL)) {
            insert.setQueryTimeout(timeoutSeconds);
            int parameter = 1;
            for (Object[] column : new Object[][] {eventIds, types, phones, emails, occurredAt, reportedAt, amounts,
                    overdueDays, autoRepayments}) {
                Array array = connection.createArrayOf("varchar", column);
                arrays.add(array);
                insert.setArray(parameter++, array);
            }
            insert.setString(parameter++, institution.value());
            insert.setString(parameter, institution.value());
            List<String> inserted = new ArrayList<>(n);
            long transaction = 0;
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                    transaction = rows.getLong(2);
                }
            }
            return new Inserted(inserted, transaction);
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }
}
