package dev.signals.bootstrap.cli;

/**
 * A failure the user can act on, told in their words: what went wrong, and what to do about it. The
 * command line prints it as one or two lines, never as a stack trace (unless {@code --verbose}).
 */
final class CliException extends RuntimeException {

    private final String hint;

    /**
     * @param message what went wrong, as a sentence without the command's name
     * @param hint    what to do about it, or null when the message says it all
     */
    CliException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    CliException(String message, String hint) {
        this(message, hint, null);
    }

    String hint() {
        return hint;
    }
}
