package dev.signals.bootstrap.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints, for the service and each command alike. */
public final class SignalsVersion implements IVersionProvider {

    static final String VERSION = "Signals 0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {VERSION};
    }
}
