package archfixtures.badportnames.application.port.in;

/** An incoming port named neither ...UseCase nor ...Query. */
public interface DoThings {

    void doThings();
}
