package archfixtures.guiceinroutes.adapter.rest;

/** Routes that look their collaborators up in the injector instead of being given them. */
public final class InjectorRoutes {

    public Object lookUp(com.google.inject.Injector injector) {
        return injector.getInstance(Object.class);
    }
}
