package archfixtures.adaptercallsservice.adapter.rest;

import archfixtures.adaptercallsservice.application.port.in.GreetQuery;
import archfixtures.adaptercallsservice.application.service.GreetService;

/** A REST class that uses a service of the application itself instead of its port. */
public final class ShortcutRoutes {

    private final GreetQuery port = new GreetService();
    private final GreetService service = new GreetService();

    public String both(String name) {
        return port.greet(name) + service.greet(name);
    }
}
