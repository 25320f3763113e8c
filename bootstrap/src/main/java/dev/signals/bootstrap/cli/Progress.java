package dev.signals.bootstrap.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The progress of a long task, counted in events, with how many were accepted, duplicates and rejected
 * so far. On a terminal it is a bar redrawn in place; anywhere else (a file, a pipe, a container's log)
 * it is a plain line every {@link #PLAIN_INTERVAL}, as {@code \r} redraws would pile up into one long
 * line there. Either way it ends on one final line, {@link #finish(String)}'s. me.tongfei:progressbar
 * keeps the time and calls for redraws on its own thread; this class says what a line reads, where it
 * goes, and that the bar's own redraws when it is closed (it draws twice) give way to the final line.
 */
final class Progress implements AutoCloseable {

    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
    private static final int TERMINAL_INTERVAL_MILLIS = 500;

    private final PrintWriter out;
    private final boolean terminal;
    private final ProgressBar bar;
    private volatile boolean finished;
    private volatile int drawnLength;
    private final String acceptedLabel;
    private final String duplicatesLabel;
    private long accepted = -1;
    private long duplicates;
    private long rejected;

    /**
     * @param task     what is counted, such as "Importing"
     * @param unit     what one step is, plural, such as "lines"
     * @param total    steps in all
     * @param out      where progress goes (standard error, so that it stays out of a redirected summary)
     * @param terminal whether {@code out} is a terminal, see {@link #onTerminal()}
     */
    Progress(String task, String unit, long total, PrintWriter out, boolean terminal) {
        this(task, unit, total, out, terminal, "accepted", "duplicates");
    }

    /**
     * The same with other words for the accepted and the duplicates, such as "retracted" and "already retracted".
     */
    Progress(String task, String unit, long total, PrintWriter out, boolean terminal, String acceptedLabel,
             String duplicatesLabel) {
        this.out = out;
        this.acceptedLabel = acceptedLabel;
        this.duplicatesLabel = duplicatesLabel;
        this.terminal = terminal;
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).continuousUpdate()
                .setRenderer(new Line(unit, terminal));
        if (terminal) {
            builder.setUpdateIntervalMillis(TERMINAL_INTERVAL_MILLIS).setConsumer(new DelegatingProgressBarConsumer(this::redraw));
        } else {
            builder.setUpdateIntervalMillis((int) PLAIN_INTERVAL.toMillis())
                    .setConsumer(new DelegatingProgressBarConsumer(this::line, Integer.MAX_VALUE));
        }
        this.bar = builder.build();
    }

    /**
     * Whether standard output is a terminal (the JDK's only portable test; it looks at standard input and
     * output). Redirected output, as in a container or a CI log, gets plain lines.
     */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** {@code done} steps so far, and the tally of the batches reported so far. */
    void update(long done, long accepted, long duplicates, long rejected) {
        bar.stepTo(done);
        if (accepted != this.accepted || duplicates != this.duplicates || rejected != this.rejected) {
            this.accepted = accepted;
            this.duplicates = duplicates;
            this.rejected = rejected;
            bar.setExtraMessage(String.format("%,d %s%s, %,d rejected", accepted, acceptedLabel,
                    duplicates == 0 ? "" : String.format(", %,d %s", duplicates, duplicatesLabel), rejected));
        }
    }

    /** Stops the progress and prints {@code summary} as its one last line. */
    void finish(String summary) {
        stop();
        if (terminal) {
            out.print("\r" + padded(summary, drawnLength) + System.lineSeparator());
        } else {
            out.println(summary);
        }
        out.flush();
    }

    /** Stops the progress without a last line, as when the task failed: the bar stays as it was. */
    @Override
    public void close() {
        if (!finished) {
            stop();
            if (terminal && drawnLength > 0) {
                out.println();
            }
            out.flush();
        }
    }

    private void stop() {
        finished = true; // before closing the bar, whose closing redraws are not shown
        bar.close();
    }

    private void redraw(String rendered) {
        if (!finished) {
            out.print("\r" + padded(rendered, drawnLength));
            out.flush();
            drawnLength = rendered.length();
        }
    }

    private void line(String rendered) {
        if (!finished) {
            out.println(rendered);
            out.flush();
        }
    }

    private static String padded(String text, int length) {
        return text.length() >= length ? text : text + " ".repeat(length - text.length());
    }

    /**
     * "Importing 45%: 900,000 of 2,000,000 lines, about 0:00:24 to go; 899,000 accepted, 1,000 rejected",
     * the most telling first, cut at the terminal's width (a longer line would wrap, and redrawing it
     * with {@code \r} would pile up lines); on a terminal wide enough, after a bar.
     */
    record Line(String unit, boolean withBar) implements ProgressBarRenderer {

        private static final int MIN_BAR = 10;
        private static final int MAX_BAR = 30;

        @Override
        public String render(ProgressState progress, int maxLength) {
            return text(progress.getTaskName(), progress.getCurrent(), progress.getMax(), unit, progress.getTotalElapsed(),
                    progress.getExtraMessage(), withBar, maxLength);
        }

        static String text(String task, long current, long max, String unit, Duration elapsed, String soFar,
                           boolean withBar, int maxLength) {
            long percent = max > 0 ? Math.min(100, current * 100 / max) : 0;
            StringBuilder text = new StringBuilder(String.format("%s %d%%: %,d of %,d %s", task, percent, current, max, unit));
            if (current > 0 && max > current) {
                text.append(", about ").append(clock(elapsed.multipliedBy(max - current).dividedBy(current))).append(" to go");
            }
            if (!soFar.isEmpty()) {
                text.append("; ").append(soFar);
            }
            int barLength = Math.min(MAX_BAR, maxLength - text.length() - 3);
            if (withBar && barLength >= MIN_BAR) {
                int done = (int) (barLength * percent / 100);
                text.insert(0, "[" + "=".repeat(done) + " ".repeat(barLength - done) + "] ");
            }
            return text.length() > maxLength ? text.substring(0, Math.max(0, maxLength)) : text.toString();
        }

        private static String clock(Duration duration) {
            long seconds = duration.toSeconds();
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }
}
