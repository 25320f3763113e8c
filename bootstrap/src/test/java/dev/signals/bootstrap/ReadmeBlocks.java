package dev.signals.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of README.md, each with what the README test does with it. A shell block ({@code sh},
 * {@code bash}, {@code shell}, {@code console}) runs unless an HTML comment right before it says otherwise:
 * <ul>
 *   <li>{@code <!-- readme-test: skip: REASON -->}: not run, for the reason given (printed by the test);</li>
 *   <li>{@code <!-- readme-test: starts the service ... -->}: a block whose one command runs the jar,
 *       {@code java -jar bootstrap/target/signals.jar [ARGS]}, after an optional build ({@code mvn ... &&});
 *       the test starts the jar itself, with those arguments, and does not build (it runs inside the build);</li>
 *   <li>{@code <!-- readme-test: with the service stopped -->}: the test stops the service (SIGTERM, as Ctrl-C
 *       does) before it runs the block;</li>
 *   <li>{@code <!-- readme-test: quotes PATH -->} (any language): the block is the file PATH as it is.</li>
 * </ul>
 * Any other {@code readme-test} comment, such a comment with no block after it, and a fence without a language
 * or in a language that is neither a shell's nor one of {@link #NOT_COMMANDS} are errors, so that no block
 * escapes the test unnoticed.
 */
final class ReadmeBlocks {

    static final Set<String> SHELL = Set.of("sh", "bash", "shell", "console");
    /** Languages of blocks that are not commands; any other language is an error, so no command hides under one. */
    static final Set<String> NOT_COMMANDS = Set.of("text", "java", "json", "yaml", "xml", "properties", "sql", "csv", "ini", "toml");

    /** On a line of its own (one quoted in the text is not an annotation). */
    private static final Pattern ANNOTATION = Pattern.compile("\\s*<!--\\s*readme-test:\\s*(.*?)\\s*-->\\s*");
    private static final Pattern START = Pattern.compile(
            "(?:mvn [^&|;<>`$]*&& )?java -jar bootstrap/target/signals\\.jar((?: [^&|;<>`$]+)?)");
    /** A curl command: the word curl where a command starts (line start, after a pipe, {@code $(}, ...). */
    private static final Pattern CURL = Pattern.compile("(?<![\\w./-])curl\\s");

    private ReadmeBlocks() {
    }

    /** What the test does with a block. */
    sealed interface Role permits Run, Skip, StartService, ServiceStopped, Quotes, Other {
    }

    /** Run in the shell, as it is (with the rewrites the test states). */
    record Run() implements Role {
    }

    record Skip(String reason) implements Role {
    }

    /** The test starts the jar with these arguments. */
    record StartService(List<String> args, String note) implements Role {
    }

    /** Run in the shell with the service stopped. */
    record ServiceStopped() implements Role {
    }

    record Quotes(String path) implements Role {
    }

    /** A block of another language, not a command (text, an example of output). */
    record Other() implements Role {
    }

    /**
     * @param line     the README line of its opening fence (1-based)
     * @param section  the heading it is under
     * @param textLine the README line of its first line of text
     */
    record Block(int line, String section, String language, String text, int textLine, Role role) {

        boolean runsInTheShell() {
            return role instanceof Run || role instanceof ServiceStopped;
        }

        String where() {
            return "README.md:" + line + " (" + section + ")";
        }

        /** Its curl commands, in order, each with the answer a comment after it shows, if any. */
        List<Call> calls() {
            List<Call> calls = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String trimmed = lines[i].trim();
                if (trimmed.startsWith("#")) {
                    String comment = trimmed.substring(1).trim();
                    if (!comment.startsWith("{\"code\"")) {
                        continue;
                    }
                    int first = i;
                    StringBuilder shown = new StringBuilder(comment);
                    while (!balanced(shown) && i + 1 < lines.length && lines[i + 1].trim().startsWith("#")) {
                        i++;
                        shown.append(' ').append(lines[i].trim().substring(1).trim());
                    }
                    if (calls.isEmpty()) {
                        throw new IllegalArgumentException("README.md:" + (textLine + first) + " shows an answer with no curl command before it in its block");
                    }
                    Call last = calls.remove(calls.size() - 1);
                    if (last.shown().isPresent()) {
                        throw new IllegalArgumentException("README.md:" + (textLine + first) + " shows a second answer for the curl command of line " + last.line());
                    }
                    calls.add(new Call(last.line(), last.command(), Optional.of(ExpectedAnswer.parse(shown.toString()))));
                    continue;
                }
                Matcher curl = CURL.matcher(lines[i]);
                while (curl.find()) {
                    calls.add(new Call(textLine + i, lines[i].trim(), Optional.empty()));
                }
            }
            return calls;
        }
    }

    /** A curl command of the README and the answer shown for it. */
    record Call(int line, String command, Optional<ExpectedAnswer> shown) {
        String where() {
            return "README.md:" + line + " " + command;
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md with an examples directory above " + Path.of("").toAbsolutePath());
    }

    static List<Block> read(Path readme) throws IOException {
        return parse(Files.readString(readme, StandardCharsets.UTF_8));
    }

    static List<Block> parse(String readme) {
        List<String> lines = Arrays.asList(readme.split("\n", -1));
        List<Block> blocks = new ArrayList<>();
        String section = "(top)";
        String annotation = null;
        int annotationLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                String language = line.substring(3).trim();
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalArgumentException("README.md:" + (i + 1) + ": a code block that does not end");
                }
                if (language.isEmpty()) {
                    throw new IllegalArgumentException("README.md:" + (i + 1) + ": a code block without a language; "
                            + "name it (sh for commands, text for output) so that the README test knows whether to run it");
                }
                String text = String.join("\n", lines.subList(i + 1, end));
                blocks.add(new Block(i + 1, section, language, text, i + 2, role(language, text, annotation, i + 1)));
                annotation = null;
                i = end;
                continue;
            }
            if (annotation != null && !line.isBlank()) {
                throw new IllegalArgumentException("README.md:" + annotationLine + ": a readme-test comment must come right before a code block");
            }
            Matcher comment = ANNOTATION.matcher(line);
            if (comment.matches()) {
                annotation = comment.group(1);
                annotationLine = i + 1;
            } else if (line.matches("#{1,6} .*")) {
                section = line.replaceFirst("#{1,6} ", "");
            }
        }
        if (annotation != null) {
            throw new IllegalArgumentException("README.md:" + annotationLine + ": a readme-test comment with no code block after it");
        }
        return blocks;
    }

    private static Role role(String language, String text, String annotation, int line) {
        boolean shell = SHELL.contains(language);
        if (!shell && !NOT_COMMANDS.contains(language)) {
            throw new IllegalArgumentException("README.md:" + line + ": a code block in '" + language + "'; commands go in sh blocks, "
                    + "other blocks in one of " + NOT_COMMANDS);
        }
        if (annotation == null) {
            return shell ? new Run() : new Other();
        }
        if (annotation.startsWith("quotes ")) {
            return new Quotes(annotation.substring("quotes ".length()).trim());
        }
        if (!shell) {
            throw new IllegalArgumentException("README.md:" + line + ": '" + annotation + "' before a block that is not a shell block");
        }
        if (annotation.startsWith("skip:") && !annotation.substring(5).isBlank()) {
            return new Skip(annotation.substring(5).trim());
        }
        if (annotation.equals("with the service stopped")) {
            return new ServiceStopped();
        }
        if (annotation.startsWith("starts the service")) {
            List<String> commands = text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            Matcher command = commands.size() == 1 ? START.matcher(commands.get(0)) : null;
            if (command == null || !command.matches()) {
                throw new IllegalArgumentException("README.md:" + line + ": a block that starts the service is one command, "
                        + "java -jar bootstrap/target/signals.jar [ARGS], after an optional mvn ... &&; was:\n" + text);
            }
            List<String> args = command.group(1).isBlank() ? List.of() : List.of(command.group(1).trim().split("\\s+"));
            return new StartService(args, annotation.substring("starts the service".length()).trim());
        }
        throw new IllegalArgumentException("README.md:" + line + ": unknown readme-test comment '" + annotation
                + "'; known: 'skip: REASON', 'starts the service', 'with the service stopped', 'quotes PATH'");
    }

    /** Whether the braces and brackets outside strings are balanced (an answer shown over several comment lines). */
    private static boolean balanced(CharSequence json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth == 0;
    }
}
