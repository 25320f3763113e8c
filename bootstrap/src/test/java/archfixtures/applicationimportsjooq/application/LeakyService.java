package archfixtures.applicationimportsjooq.application;

/** An application service that talks SQL itself. */
public final class LeakyService {

    public int count(org.jooq.DSLContext dsl) {
        return dsl.fetchCount(org.jooq.impl.DSL.table("things"));
    }
}
