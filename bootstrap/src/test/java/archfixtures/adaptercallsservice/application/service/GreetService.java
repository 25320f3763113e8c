package archfixtures.adaptercallsservice.application.service;

import archfixtures.adaptercallsservice.application.port.in.GreetQuery;

/** The service behind the port. */
public final class GreetService implements GreetQuery {

    @Override
    public String greet(String name) {
        return "Hello " + name;
    }
}
