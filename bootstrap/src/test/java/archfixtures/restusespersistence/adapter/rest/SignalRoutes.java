package archfixtures.restusespersistence.adapter.rest;

import archfixtures.restusespersistence.adapter.persistence.SignalTable;

/** A REST class that reaches into the persistence adapter instead of going through a port. */
public final class SignalRoutes {

    public String read(SignalTable table) {
        return table.name();
    }
}
