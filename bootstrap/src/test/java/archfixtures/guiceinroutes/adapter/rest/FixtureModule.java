package archfixtures.guiceinroutes.adapter.rest;

/** A module may use Guice: only {@link InjectorRoutes} breaks the rule. */
public final class FixtureModule extends com.google.inject.AbstractModule {
}
