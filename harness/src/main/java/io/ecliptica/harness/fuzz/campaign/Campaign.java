package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.harness.fuzz.isolate.CaseRunner;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.reduce.CaseMinimizer;
import io.ecliptica.harness.fuzz.reduce.ModuleShrinker;
import io.ecliptica.harness.fuzz.reduce.Reproducer;
import io.ecliptica.harness.fuzz.triage.FindingStore;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.fuzz.triage.Triage;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A fuzzing campaign: runs the cases of one shard in index order until the time or case budget is
 * spent or a stop is requested; triages every finding, saves it at once, and minimizes the first
 * occurrence of each bug (and any later one that could give a smaller reproducer).
 */
public final class Campaign {
    /** Budgets and knobs of a run. {@code maxCases} and {@code time} are optional; at least one bounds it. */
    public record Config(Shard shard, Optional<Duration> time, Optional<Long> maxCases, boolean minimize,
                         int minimizeRuns) {
    }

    /** Why a campaign ended. */
    public enum Stop {
        TIME("time"), CASES("cases"), SIGNAL("signal");

        private final String id;

        Stop(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What a campaign did. */
    public record Result(long cases, long firstIndex, long lastIndex, Duration elapsed, SortedSet<String> coverage,
                         Stop stop) {
        public double execsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : cases / s;
        }
    }

    private final Config config;
    private final CaseDeriver deriver;
    private final CaseRunner runner;
    private final FindingStore store;
    private final Optional<ModuleShrinker> shrinker;
    private final Function<String, String> costTableHash;
    private final PrintStream progress;
    private final AtomicBoolean stop;

    /**
     * @param costTableHash the cost table hash of a profile id (recorded in reproducer fixtures)
     * @param progress      where the progress line goes (stderr)
     * @param stop          set from another thread (a signal) to end after the current case
     */
    public Campaign(Config config, CaseDeriver deriver, CaseRunner runner, FindingStore store,
                    Optional<ModuleShrinker> shrinker, Function<String, String> costTableHash, PrintStream progress,
                    AtomicBoolean stop) {
        this.config = config;
        this.deriver = deriver;
        this.runner = runner;
        this.store = store;
        this.shrinker = shrinker;
        this.costTableHash = costTableHash;
        this.progress = progress;
        this.stop = stop;
    }

    public Result run() throws IOException {
        long start = System.nanoTime();
        long deadline = config.time().map(t -> start + t.toNanos()).orElse(Long.MAX_VALUE);
        long nextReport = start + PROGRESS_EVERY;
        TreeSet<String> coverage = new TreeSet<>();
        long k = 0;
        Stop why;
        while (true) {
            if (stop.get()) {
                why = Stop.SIGNAL;
                break;
            }
            if (config.maxCases().isPresent() && k >= config.maxCases().get()) {
                why = Stop.CASES;
                break;
            }
            if (System.nanoTime() >= deadline) {
                why = Stop.TIME;
                break;
            }
            FuzzCase c = deriver.derive(config.shard().caseIndex(k));
            store.saveInflight(config.shard().index(), c);
            RunOutcome outcome = runner.run(c.vector());
            if (stop.get() && !outcome.faults().isEmpty()) {
                // a Ctrl-C reaches the workers too: a worker that died now was stopped, not crashed
                why = Stop.SIGNAL;
                break;
            }
            k++;
            coverage.addAll(c.opcodes());
            Optional<Signature> sig = Triage.signature(outcome, runner);
            if (sig.isPresent()) {
                found(sig.get(), c, outcome);
            }
            long now = System.nanoTime();
            if (now >= nextReport) {
                report(k, now - start, coverage.size());
                nextReport = now + PROGRESS_EVERY;
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        report(k, elapsed.toNanos(), coverage.size());
        long first = config.shard().caseIndex(0);
        return new Result(k, first, k == 0 ? first - config.shard().count() : config.shard().caseIndex(k - 1), elapsed,
                coverage, why);
    }

    private static final long PROGRESS_EVERY = Duration.ofSeconds(5).toNanos();

    private void found(Signature sig, FuzzCase c, RunOutcome outcome) throws IOException {
        FindingStore.Bug bug = store.record(sig, c);
        if (bug.count() == 1) {
            progress.println("fuzz: case " + c.index() + ": " + bug.known().map(k -> "known bug " + sig.id() + " ("
                    + k.name() + ")").orElse("new bug " + sig.id()) + ": " + sig.text());
        }
        // a known bug's reproducer is the registry's: minimizing it again would only spend campaign time
        if (!config.minimize() || bug.known().isPresent() || !FindingStore.couldImprove(bug, c.vector())) {
            return;
        }
        CaseMinimizer.Minimized m = new CaseMinimizer(runner, shrinker, config.minimizeRuns(), stop::get)
                .minimize(c, sig, outcome);
        if (bug.reproducer().isPresent()
                && m.minimal().vector().transactionCount() >= bug.reproducer().get().transactions()) {
            return;
        }
        int code = m.minimal().vector().contracts().stream().mapToInt(ct -> ct.code().length()).sum();
        store.reproduce(bug, c.index(), dir -> {
            Reproducer.Written w = Reproducer.write(m.minimal().vector(), m.minimal().module().map(g -> g.wat().get()),
                    m.outcome(), sig, costTableHash.apply(m.minimal().vector().profile()), dir);
            return new FindingStore.Reproduction(dir, c.index(), m.minimal().vector().transactionCount(), code,
                    w.fixture().isPresent(), m.tests());
        });
    }

    private void report(long cases, long nanos, int opcodes) {
        double s = nanos / 1e9;
        int all = store.bugs().size();
        progress.printf(Locale.ROOT, "fuzz: %d cases, %.1f execs/s, %d findings, %d distinct bugs (%d new, %d known), "
                        + "%d opcodes covered%n", cases, s <= 0 ? 0 : cases / s, store.occurrences(), all,
                store.newBugs().size(), all - store.newBugs().size(), opcodes);
    }
}
