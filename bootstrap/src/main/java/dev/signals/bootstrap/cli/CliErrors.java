package dev.signals.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * How the command line reports what went wrong: a line naming the command and the problem, and a line
 * saying what to do; the stack trace only with {@code --verbose}. A wrong command line (a missing or
 * unknown option or argument) exits {@value #USAGE}, with a pointer to {@code --help} instead of the
 * whole usage text; any other failure exits {@value #FAILED}.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** The command ran and failed: the message says why. */
    static final int FAILED = 1;
    /** The command line or a setting is wrong (picocli's code for invalid input, {@link CommandLine.ExitCode#USAGE}). */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    static final String VERBOSE = "--verbose";

    /** {@code cli} with these handlers. */
    static CommandLine install(CommandLine cli) {
        CliErrors errors = new CliErrors();
        return cli.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName();
        boolean verbose = verbose(parsed);
        if (e instanceof CliException problem) {
            err.println(command + ": " + problem.getMessage());
            if (problem.hint() != null) {
                err.println(problem.hint());
            }
        } else {
            err.println(command + " failed: " + rootMessage(e));
            if (!verbose) {
                err.println("Run it again with " + VERBOSE + " to see where.");
            }
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName();
        err.println(command + ": " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("'" + command + " --help' lists the options.");
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** The message and, when another exception caused it, the root cause's. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || message.contains(String.valueOf(root.getMessage())) ? message
                : message + " (cause: " + root.getMessage() + ")";
    }
}
