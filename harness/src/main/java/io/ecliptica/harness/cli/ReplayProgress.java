package io.ecliptica.harness.cli;

import io.ecliptica.harness.replay.Replayer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a replay on stderr: blocks/s, tx/s and how many blocks each engine is behind the
 * fastest. A bar on a terminal, a plain line every few seconds otherwise, or nothing; never on
 * stdout, so reports stay byte-for-byte deterministic.
 */
final class ReplayProgress implements Replayer.Listener {
    enum Mode { AUTO, BAR, LINES, NONE }

    private static final long LINE_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final Mode mode;
    private final String task;
    private List<String> engines = List.of();
    private ProgressBar bar;
    private long startNanos;
    private long lastLine;
    private long blocks;
    private long txs;
    private long firstHeight;

    ReplayProgress(PrintStream err, Mode mode, String task) {
        this.err = err;
        this.task = task;
        this.mode = mode == Mode.AUTO ? (onTerminal() ? Mode.BAR : Mode.LINES) : mode;
    }

    /**
     * Whether the harness talks to a terminal. Up to JDK 21 a console exists only then; since JDK 22
     * it may exist for redirected streams too, and Console.isTerminal() (not in the Java 21 API this
     * project compiles against) tells.
     */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void started(long first, long last, List<String> engineIds) {
        engines = engineIds;
        firstHeight = first;
        startNanos = System.nanoTime();
        lastLine = startNanos;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(last < 0 ? -1 : last - first + 1)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" blocks", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).build();
        }
    }

    @Override
    public void checked(long height, int transactions, long[] finished) {
        blocks++;
        txs += transactions;
        if (mode == Mode.BAR && bar != null) {
            bar.stepTo(height - firstHeight + 1);
            bar.setExtraMessage(rates(finished));
        } else if (mode == Mode.LINES) {
            long now = System.nanoTime();
            if (now - lastLine >= LINE_EVERY_NANOS) {
                lastLine = now;
                err.println(task + ": block " + height + ", " + rates(finished));
            }
        }
    }

    @Override
    public void note(String message) {
        if (mode != Mode.NONE) {
            err.println(task + ": " + message);
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private String rates(long[] finished) {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long lead = 0;
        for (long f : finished) {
            lead = Math.max(lead, f);
        }
        List<String> lag = new ArrayList<>();
        for (int i = 0; i < finished.length && i < engines.size(); i++) {
            lag.add(engines.get(i) + " -" + (lead - finished[i]));
        }
        return String.format(Locale.ROOT, "%.1f blocks/s, %.0f tx/s, lag %s", blocks / secs, txs / secs,
                String.join(" ", lag));
    }
}
