package archfixtures.restusespersistence.adapter.persistence;

public final class SignalTable {

    public String name() {
        return "signal_request";
    }
}
