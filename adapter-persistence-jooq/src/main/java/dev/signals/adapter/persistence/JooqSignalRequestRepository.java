package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.SignalRequestRecord;
import dev.signals.adapter.persistence.jooq.tables.records.SignalRequestSubjectRecord;
import dev.signals.application.port.PageCursor;
import dev.signals.application.port.out.LoadSignalRequestPort;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertValuesStep3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_REQUEST;
import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_REQUEST_SUBJECT;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.selectOne;

/**
 * Signal requests in {@code signal_request}, with every key of their subject in {@code signal_request_subject}
 * so that a list filtered by one form of a phone number finds the requests made with the others. Reads are
 * scoped by {@code account_id} (another account's request behaves as unknown). A request is stored once,
 * finished, and never changes.
 */
final class JooqSignalRequestRepository implements SaveSignalRequestPort, LoadSignalRequestPort {

    private static final NewestFirst<SignalRequestRecord> NEWEST_FIRST =
            new NewestFirst<>(SIGNAL_REQUEST.CREATED_AT, SIGNAL_REQUEST.ID);

    private final Statements statements;
    private final GroupCommit<SignalRequest> inserts;

    JooqSignalRequestRepository(Database database) {
        this.statements = new Statements(database);
        this.inserts = new GroupCommit<>(statements, JooqSignalRequestRepository::insertAll, MAX_REQUESTS_PER_COMMIT);
    }

    /**
     * Requests stored by concurrent callers share a transaction ({@link GroupCommit}): the commit is what
     * costs, and one serves every request that arrived while the last one ran.
     */
    private static final int MAX_REQUESTS_PER_COMMIT = 64;

    /**
     * The request and its subject keys in one transaction: all of it or nothing. Returns once that
     * transaction has committed, possibly with other callers' requests.
     */
    @Override
    public void insert(SignalRequest request) {
        if (!request.isFinished()) {
            throw new IllegalArgumentException("signal request " + request.id() + " is " + request.status()
                    + "; a request is stored finished");
        }
        inserts.write(request);
    }

    private static void insertAll(DSLContext dsl, List<SignalRequest> requests) {
        InsertSetMoreStep<SignalRequestRecord> insert = null;
        List<SignalRequestSubjectRecord> subjectRows = new ArrayList<>();
        for (SignalRequest request : requests) {
            SignalRequestRecord row = SignalRequestMapper.toRecord(request);
            insert = insert == null ? dsl.insertInto(SIGNAL_REQUEST).set(row) : insert.newRecord().set(row);
            subjectRows.addAll(SignalRequestMapper.toSubjectRecords(request));
        }
        if (insert != null) {
            insert.execute();
            insertSubjects(dsl, subjectRows);
        }
    }

    private static int insertSubjects(DSLContext dsl, List<SignalRequestSubjectRecord> rows) {
        InsertValuesStep3<SignalRequestSubjectRecord, String, String, String> insert = dsl.insertInto(
                SIGNAL_REQUEST_SUBJECT,
                SIGNAL_REQUEST_SUBJECT.REQUEST_ID, SIGNAL_REQUEST_SUBJECT.ACCOUNT_ID, SIGNAL_REQUEST_SUBJECT.SUBJECT_KEY);
        for (SignalRequestSubjectRecord row : rows) {
            insert = insert.values(row.getRequestId(), row.getAccountId(), row.getSubjectKey());
        }
        return insert.execute();
    }

    @Override
    public Optional<SignalRequest> load(AccountId accountId, SignalRequestId id) {
        return statements.run(dsl -> dsl.selectFrom(SIGNAL_REQUEST)
                        .where(SIGNAL_REQUEST.ID.eq(id.value()))
                        .and(SIGNAL_REQUEST.ACCOUNT_ID.eq(accountId.value()))
                        .fetchOptional())
                .map(SignalRequestMapper::toSignalRequest);
    }

    @Override
    public List<SignalRequest> list(AccountId accountId, Filter filter, PageCursor after, int limit) {
        int rows = NewestFirst.checkedLimit(limit);
        return statements.run(dsl -> dsl.selectFrom(SIGNAL_REQUEST)
                .where(SIGNAL_REQUEST.ACCOUNT_ID.eq(accountId.value()))
                .and(matching(accountId, filter))
                .and(NEWEST_FIRST.after(after))
                .orderBy(NEWEST_FIRST.order())
                .limit(rows)
                .fetch(SignalRequestMapper::toSignalRequest));
    }

    /**
     * The filter's conditions; a null field does not narrow. {@code subjectKeys} matches a request with any of
     * its keys among them (an empty list matches nothing); {@code from} is inclusive, {@code until} exclusive.
     */
    private static Condition matching(AccountId accountId, Filter filter) {
        Condition condition = noCondition();
        if (filter.id() != null) {
            condition = condition.and(SIGNAL_REQUEST.ID.eq(filter.id().value()));
        }
        if (filter.subjectKeys() != null) {
            condition = condition.and(exists(selectOne()
                    .from(SIGNAL_REQUEST_SUBJECT)
                    .where(SIGNAL_REQUEST_SUBJECT.ACCOUNT_ID.eq(accountId.value()))
                    .and(SIGNAL_REQUEST_SUBJECT.SUBJECT_KEY.in(filter.subjectKeys()))
                    .and(SIGNAL_REQUEST_SUBJECT.REQUEST_ID.eq(SIGNAL_REQUEST.ID))));
        }
        if (filter.from() != null) {
            condition = condition.and(SIGNAL_REQUEST.CREATED_AT.ge(Timestamps.toColumn(filter.from())));
        }
        if (filter.until() != null) {
            condition = condition.and(SIGNAL_REQUEST.CREATED_AT.lt(Timestamps.toColumn(filter.until())));
        }
        return condition;
    }
}
