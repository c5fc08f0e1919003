package io.ecliptica.harness.cli;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.fuzz.campaign.Campaign;
import io.ecliptica.harness.fuzz.campaign.CampaignSummary;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.ContractPool;
import io.ecliptica.harness.fuzz.campaign.ModuleSource;
import io.ecliptica.harness.fuzz.campaign.Shard;
import io.ecliptica.harness.fuzz.isolate.CaseRunner;
import io.ecliptica.harness.fuzz.isolate.EngineProcess;
import io.ecliptica.harness.fuzz.isolate.InProcessRunner;
import io.ecliptica.harness.fuzz.isolate.IsolatedRunner;
import io.ecliptica.harness.fuzz.reduce.GeneratorBinding;
import io.ecliptica.harness.fuzz.reduce.ModuleShrinker;
import io.ecliptica.harness.fuzz.triage.AtomicFiles;
import io.ecliptica.harness.fuzz.triage.FindingStore;
import io.ecliptica.harness.fuzz.triage.KnownFindings;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.vector.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Differential fuzzing campaign (docs/fuzzing.md): generated modules and bundled contracts, "
                + "called with random transaction sequences on every engine, each engine in its own worker process.",
                "Every divergence, crash or hang is saved at once under --out, triaged by signature and minimized to a "
                        + "vector that 'verify' reproduces. A progress line goes to stderr, the summary JSON to stdout "
                        + "and OUT/summary.json. Ctrl-C or SIGTERM ends the campaign after the current case, with the summary.",
                "Exit codes: 0 no new finding (none, or only known ones), 1 a finding with a new signature, 2 bad usage "
                        + "or registry, 3 internal error or no engine can start."})
final class FuzzCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Campaign seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time", paramLabel = "DURATION", description = "Time budget: 30s, 10m, 8h or plain seconds.")
    String time;

    @Option(names = "--cases", paramLabel = "N", description = "Case budget of this shard.")
    Long cases;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (findings, summary).")
    Path out;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "i/n",
            description = "Run only case indices congruent to i modulo n (default: ${DEFAULT-VALUE}).")
    String shard;

    @Option(names = "--engines", split = ",", paramLabel = "ID",
            description = "Engines (default: every default engine). Unlisted test engines may be named too.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "20", paramLabel = "SECONDS",
            description = "Wall-clock guard per call (default: ${DEFAULT-VALUE}); a worker silent for longer than "
                    + "the guard times the case's calls plus one, plus --worker-slack, is killed as hung.")
    int timeoutSeconds;

    @Option(names = "--worker-slack", defaultValue = "30", paramLabel = "SECONDS",
            description = "Added to the hang deadline for compiling and instantiating (default: ${DEFAULT-VALUE}).")
    int workerSlackSeconds;

    @Option(names = "--contracts", defaultValue = "vectors/fillers", paramLabel = "DIR",
            description = "Fillers whose contracts cases call (default: ${DEFAULT-VALUE}); 'none' for generated modules only.")
    String contracts;

    @Option(names = "--generated", defaultValue = "50", paramLabel = "PERCENT",
            description = "Share of cases with a generated module (default: ${DEFAULT-VALUE}).")
    int generatedPercent;

    @Option(names = "--private", defaultValue = "0", paramLabel = "PERCENT",
            description = "Share of cases run on a private chain: signed calls, encrypted storage, sealed outputs "
                    + "(default: ${DEFAULT-VALUE}).")
    int privatePercent;

    @Option(names = "--profile", defaultValue = "ecliptica-v1", paramLabel = "ID", description = "Execution profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--minimize-runs", defaultValue = "300", paramLabel = "N",
            description = "Most case runs the minimizer spends on one reproducer (default: ${DEFAULT-VALUE}; 0 saves findings unminimized).")
    int minimizeRuns;

    @Option(names = "--known", paramLabel = "FILE",
            description = "Known-findings registry (docs/fuzzing.md): findings whose signature it covers are saved and "
                    + "counted but reported as known, and do not make the exit code 1.")
    Path known;

    @Option(names = "--in-process", description = "Run the engines in this JVM (faster; a crashing engine ends the campaign).")
    boolean inProcess;

    @Override
    public Integer call() throws IOException {
        Optional<Duration> budget;
        Shard sh;
        try {
            budget = time == null ? Optional.empty() : Optional.of(parseDuration(time));
            sh = Shard.parse(shard);
            Profiles.byId(profile);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (budget.isEmpty() && cases == null) {
            return usage("give a budget: --time DURATION and/or --cases N");
        }
        if (cases != null && cases < 0 || timeoutSeconds <= 0 || minimizeRuns < 0 || generatedPercent < 0
                || generatedPercent > 100 || workerSlackSeconds < 0 || privatePercent < 0 || privatePercent > 100) {
            return usage("--cases, --minimize-runs, --worker-slack must be >= 0, --timeout > 0, --generated and "
                    + "--private in 0..100");
        }
        ContractPool pool;
        try {
            pool = contracts.equals("none") ? ContractPool.empty() : ContractPool.load(Path.of(contracts));
        } catch (IOException e) {
            return usage("cannot read contracts from " + contracts + ": " + e.getMessage());
        }
        KnownFindings knownBugs;
        try {
            knownBugs = known == null ? KnownFindings.none() : KnownFindings.load(known);
        } catch (KnownFindings.BadRegistryException e) {
            return usage("--known: " + e.getMessage());
        }
        // the generator is always there: with no contracts every case gets a generated module
        Optional<ModuleSource> generator = Optional.of(GeneratorBinding.source());
        Optional<ModuleShrinker> shrinker = Optional.of(GeneratorBinding.shrinker());
        EngineRegistry registry = EngineRegistry.discover();
        List<String> ids = engines.isEmpty() ? registry.defaultIds() : engines;
        for (String id : ids) {
            if (registry.provider(id).isEmpty()) {
                return usage("unknown engine '" + id + "' (known: " + String.join(", ", registry.ids()) + ")");
            }
        }
        Files.createDirectories(out);
        AtomicBoolean stop = new AtomicBoolean();
        // signals are caught from before the workers start, so a stop at any time still ends with a summary
        try (StopSignals signals = StopSignals.install(stop)) {
            CaseRunner runner;
            try {
                runner = inProcess ? inProcessRunner(ids)
                        : IsolatedRunner.start(ids, timeoutSeconds, Duration.ofSeconds(workerSlackSeconds),
                                Optional.of(Files.createDirectories(out.resolve("workers"))), Profiles::byId);
            } catch (EngineProcess.WorkerStartException | EngineOptions.EngineSelectionException e) {
                main.err.println("harness fuzz: " + e.getMessage());
                return ExitCode.INTERNAL;
            }
            try (runner) {
                return campaign(runner, sh, budget, pool, generator, shrinker, knownBugs, stop);
            }
        }
    }

    private int campaign(CaseRunner runner, Shard sh, Optional<Duration> budget, ContractPool pool,
                         Optional<ModuleSource> generator, Optional<ModuleShrinker> shrinker, KnownFindings knownBugs,
                         AtomicBoolean stop) throws IOException {
        CaseDeriver deriver = new CaseDeriver(seed, pool, generator, generatedPercent, privatePercent, profile);
        FindingStore store = new FindingStore(out, knownBugs);
        Campaign.Config config = new Campaign.Config(sh, budget, Optional.ofNullable(cases), minimizeRuns > 0, minimizeRuns);
        Campaign.Result result = new Campaign(config, deriver, runner, store, shrinker,
                p -> Profiles.byId(p).costTableHash(), main.err, stop).run();
        // known bugs are reported, but only a new signature fails the campaign
        int exit = store.newBugs().isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCE;
        int restarts = runner instanceof IsolatedRunner iso ? iso.restarts() : 0;
        CampaignSummary.Setup setup = new CampaignSummary.Setup(seed, sh, profile, pool.hash(), pool.entries().size(),
                pool.isEmpty() ? 100 : generatedPercent, privatePercent, true,
                !inProcess, timeoutSeconds);
        byte[] summary = CanonicalJson.toBytes(CampaignSummary.build(setup, runner.engines(), result, store, restarts, exit));
        AtomicFiles.write(out.resolve("summary.json"), summary);
        main.out.print(new String(summary, java.nio.charset.StandardCharsets.UTF_8));
        return exit;
    }

    private CaseRunner inProcessRunner(List<String> ids) throws EngineOptions.EngineSelectionException {
        EngineOptions o = new EngineOptions();
        o.engines = ids;
        o.timeoutSeconds = timeoutSeconds;
        List<EngineExecutor> opened = o.open(main.err);
        return new InProcessRunner(new DifferentialRunner(opened, Profiles::byId));
    }

    private int usage(String message) {
        main.err.println("harness fuzz: " + message);
        return ExitCode.BAD_INPUT;
    }

    /** {@code 90}, {@code 30s}, {@code 10m}, {@code 8h}. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--time '" + text + "' is not a duration such as 30s, 10m or 8h");
        }
    }
}
