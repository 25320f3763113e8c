package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.SignalRequestRecord;
import dev.signals.application.port.PageCursor;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.subject.SubjectKeys;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_REQUEST;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

/**
 * Signal requests in {@code signal_request}, one row each, with digests of their subject ({@link SubjectDigests}) so
 * that a list filtered by one form of a phone number finds the requests made with the others. Reads are
 * scoped by {@code account_id} (another account's request behaves as unknown). A request is stored once,
 * finished, and never changes.
 */
final class JooqSignalRequestRepository implements SaveSignalRequestPort, LoadSignalRequestPort {

    private static final NewestFirst<SignalRequestRecord> NEWEST_FIRST =
            new NewestFirst<>(SIGNAL_REQUEST.ACCOUNT_ID, SIGNAL_REQUEST.CREATED_AT, SIGNAL_REQUEST.ID);

    private final Statements statements;
    private final int timeoutSeconds;
    /** Rows of signal_request, every column in table order. */
    private final GroupCommit<Object[]> inserts;
    /** The insert of n rows, with a bind parameter per value, by n: rendered once each. */
    private final Map<Integer, String> insertOfRows = new ConcurrentHashMap<>();

    JooqSignalRequestRepository(Database database) {
        this.statements = new Statements(database);
        this.timeoutSeconds = database.settings().statementTimeoutSeconds();
        this.inserts = new GroupCommit<>("signal-request-commits", statements, this::insertAll, MAX_REQUESTS_PER_COMMIT);
    }

    /**
     * Requests stored by concurrent callers share a transaction ({@link GroupCommit}): the commit is what
     * costs, and one serves every request that arrived while the last one ran.
     */
    private static final int MAX_REQUESTS_PER_COMMIT = 64;

    /** Returns once the transaction holding the request has committed, possibly with other callers' requests. */
    @Override
    public SignalRequest insert(SignalRequest request) {
        return startInsert(request).awaitCommitted();
    }

    /**
     * Makes the request's row here, in the caller's thread (its explanation's column is the costly part), and queues
     * it for the writer thread: a row is all the one writer has to do, and the caller prepares its answer meanwhile.
     *
     * <p>A row whose idempotency key its account holds already violates {@code ux_signal_request_idempotency_key}: its
     * batch is written again one row a transaction ({@link GroupCommit}), so only that row fails, and its caller gets
     * the row that holds the key, committed by then (PostgreSQL makes the loser of two inserts wait for the winner's
     * commit, and H2, one process, commits one batch after another).
     */
    @Override
    public PendingInsert startInsert(SignalRequest request) {
        if (!request.isFinished()) {
            throw new IllegalArgumentException("signal request " + request.id() + " is " + request.status()
                    + "; a request is stored finished");
        }
        GroupCommit.Pending<Object[]> pending = inserts.submit(SignalRequestMapper.toRecord(request).intoArray());
        return () -> {
            try {
                pending.awaitCommitted();
                return request;
            } catch (DataAccessException e) {
                if (request.idempotency().isEmpty() || !Statements.isUniqueViolation(e)) {
                    throw e;
                }
                return holderOf(request.accountId(), request.idempotency().get().key()).orElseThrow(() -> e);
            }
        };
    }

    /** The account's request stored under {@code key}. */
    private Optional<SignalRequest> holderOf(AccountId accountId, IdempotencyKey key) {
        return oneOf(accountId, SIGNAL_REQUEST.IDEMPOTENCY_KEY.eq(key.value()));
    }

    /** The account's one request that meets {@code condition}, a unique key's. */
    private Optional<SignalRequest> oneOf(AccountId accountId, Condition condition) {
        return statements.run(dsl -> dsl.selectFrom(SIGNAL_REQUEST)
                        .where(condition)
                        .and(SIGNAL_REQUEST.ACCOUNT_ID.eq(accountId.value()))
                        .fetchOptional())
                .map(SignalRequestMapper::toSignalRequest);
    }

    /**
     * One multi-row insert whose text jOOQ rendered once for that number of rows, its values bound with plain JDBC:
     * rendering the statement with every batch's values cost more than the database's own work (issue 17's profile).
     * One statement, not a JDBC batch: pgjdbc's batch fails with an {@code AssertionError} instead of an
     * {@code SQLException} when the connection is lost in the middle of it, which must be a 503 like any other loss.
     */
    private void insertAll(DSLContext dsl, List<Object[]> rows) {
        String sql = insertOfRows.computeIfAbsent(rows.size(), count -> insertOf(dsl, count));
        statements.onConnection(dsl, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setQueryTimeout(timeoutSeconds);
                int parameter = 1;
                for (Object[] row : rows) {
                    for (Object value : row) {
                        insert.setObject(parameter++, value);
                    }
                }
                return insert.executeUpdate();
            }
        });
    }

    /** {@code INSERT INTO signal_request (...) VALUES (?, ...), ...} for {@code rows} rows, every column in table order. */
    private static String insertOf(DSLContext dsl, int rows) {
        InsertValuesStepN<SignalRequestRecord> insert = Statements.withPlainParameters(dsl).insertInto(SIGNAL_REQUEST)
                .columns(SIGNAL_REQUEST.fields());
        for (int row = 0; row < rows; row++) {
            insert = insert.values(new Object[SIGNAL_REQUEST.fields().length]);
        }
        return insert.getSQL(ParamType.INDEXED);
    }

    @Override
    public Optional<SignalRequest> load(AccountId accountId, SignalRequestId id) {
        return oneOf(accountId, SIGNAL_REQUEST.ID.eq(id.value()));
    }

    @Override
    public List<SignalRequest> list(AccountId accountId, Filter filter, PageCursor after, int limit) {
        int rows = NewestFirst.checkedLimit(limit);
        return statements.run(dsl -> page(dsl, accountId, filter, after, rows).fetch(SignalRequestMapper::toSignalRequest));
    }

    /** The query of {@link #list}, for the test of its plan. */
    static ResultQuery<SignalRequestRecord> page(DSLContext dsl, AccountId accountId, Filter filter, PageCursor after, int rows) {
        return dsl.selectFrom(SIGNAL_REQUEST)
                .where(matching(accountId, filter))
                .and(NEWEST_FIRST.after(after))
                .orderBy(NEWEST_FIRST.order())
                .limit(rows);
    }

    /**
     * The account's requests that meet the filter; a null field does not narrow. {@code subject} matches a request
     * whose subject {@link dev.signals.domain.subject.Subject#sharesAKeyWith shares a key} with it; {@code from} is
     * inclusive, {@code until} exclusive.
     */
    private static Condition matching(AccountId accountId, Filter filter) {
        // With a subject, the account is named inside the digests' way in (sharingAKeyWith), which is then the only way
        // to the rows: named here as well, it let H2 read the account's every request through the page index instead.
        Condition condition = filter.subject() != null ? noCondition() : SIGNAL_REQUEST.ACCOUNT_ID.eq(accountId.value());
        if (filter.id() != null) {
            condition = condition.and(SIGNAL_REQUEST.ID.eq(filter.id().value()));
        }
        if (filter.subject() != null) {
            condition = condition.and(sharingAKeyWith(accountId, filter.subject()));
        }
        if (filter.from() != null) {
            condition = condition.and(SIGNAL_REQUEST.CREATED_AT.ge(Timestamps.toColumn(filter.from())));
        }
        if (filter.until() != null) {
            condition = condition.and(SIGNAL_REQUEST.CREATED_AT.lt(Timestamps.toColumn(filter.until())));
        }
        return condition;
    }

    /**
     * The account's requests whose subject shares a key with {@code subject}: its lookup key is one of the subject's
     * keys, or it is a phone one of whose MD5 forms is (a phone's keys are its number and both MD5 forms). The digests
     * are the way in ({@link SubjectDigests}): every such request has one of them in one of its two indexed digest
     * columns, and the rows are read by their ids, however many requests the account has.
     */
    private static Condition sharingAKeyWith(AccountId accountId, Subject subject) {
        List<byte[]> wayIn = SubjectDigests.wayIn(subject);
        List<byte[]> hashForms = SubjectDigests.hashForms(subject);
        Condition ofAccount = SIGNAL_REQUEST.ACCOUNT_ID.eq(accountId.value());
        Condition indexed = SIGNAL_REQUEST.ID.in(
                select(SIGNAL_REQUEST.ID).from(SIGNAL_REQUEST).where(SIGNAL_REQUEST.SUBJECT_DIGEST.in(wayIn)).and(ofAccount)
                        .unionAll(select(SIGNAL_REQUEST.ID).from(SIGNAL_REQUEST)
                                .where(SIGNAL_REQUEST.SUBJECT_ALIAS_DIGEST.in(wayIn)).and(ofAccount)));
        Condition aPhoneByItsHash = SIGNAL_REQUEST.SUBJECT_KEY.startsWith(SubjectKeys.phoneKeyPrefix())
                .and(SIGNAL_REQUEST.SUBJECT_DIGEST.in(hashForms).or(SIGNAL_REQUEST.SUBJECT_ALIAS_DIGEST.in(hashForms)));
        return indexed.and(SIGNAL_REQUEST.SUBJECT_KEY.in(subject.keys()).or(aPhoneByItsHash));
    }
}
