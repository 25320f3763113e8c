package archfixtures.adaptercallsservice.application.port.in;

/** An incoming port, which an adapter may use. */
public interface GreetQuery {

    String greet(String name);
}
