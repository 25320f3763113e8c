package archfixtures.badportnames.application.port.out;

/** An outgoing port whose name does not say it is one. */
public interface LoadThings {

    java.util.List<String> load();
}
