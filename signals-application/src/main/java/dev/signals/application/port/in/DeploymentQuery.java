package dev.signals.application.port.in;

/** The deployment this node is part of: how many nodes serve its database now (contract section 7.1). */
public interface DeploymentQuery {

    /** The nodes seen alive lately, this one included: at least 1. */
    int aliveNodes();
}
