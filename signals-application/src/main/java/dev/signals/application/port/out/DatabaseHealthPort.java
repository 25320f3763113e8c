package dev.signals.application.port.out;

/** Outgoing port: asks the database whether it answers, without ever hanging the caller for long. */
public interface DatabaseHealthPort {

    /** @return true when a trivial query succeeded within the adapter's probe timeout */
    boolean answers();

    /** @return the kind of database, for operators: {@code H2} or {@code POSTGRES} */
    String kind();
}
