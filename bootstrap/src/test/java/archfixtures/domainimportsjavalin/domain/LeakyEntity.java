package archfixtures.domainimportsjavalin.domain;

/** A domain class that knows about HTTP. */
public final class LeakyEntity {

    public String describe(io.javalin.http.Context ctx) {
        return ctx.path();
    }
}
