package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.Oracle;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.Vector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import io.ecliptica.harness.exec.ExecutionProfile;

/**
 * Every engine in its own worker process ({@link EngineProcess}), all given the case at once; the
 * traces that come back are judged by the same {@link Oracle} as {@code verify}. A worker that
 * crashes or hangs gives a {@link WorkerFault} and an empty failed trace, and is restarted for
 * the next case, so one bad case never ends a campaign.
 */
public final class IsolatedRunner implements CaseRunner {
    private final List<EngineProcess> processes;
    private final List<EngineDescriptor> descriptors;
    private final int callTimeoutSeconds;
    private final Duration slack;
    private final Function<String, ExecutionProfile> profiles;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    private IsolatedRunner(List<EngineProcess> processes, List<EngineDescriptor> descriptors, int callTimeoutSeconds,
                           Duration slack, Function<String, ExecutionProfile> profiles) {
        this.processes = processes;
        this.descriptors = descriptors;
        this.callTimeoutSeconds = callTimeoutSeconds;
        this.slack = slack;
        this.profiles = profiles;
    }

    /**
     * Starts one worker per engine, in parallel.
     *
     * @param slack  added to the per-call guard times the case's calls (plus one) before a silent worker is hung
     * @param logDir where each worker's stderr is appended ({@code ENGINE.log}), or empty to discard
     */
    public static IsolatedRunner start(List<String> engineIds, int callTimeoutSeconds, Duration slack,
                                       Optional<Path> logDir, Function<String, ExecutionProfile> profiles)
            throws EngineProcess.WorkerStartException {
        List<EngineProcess> procs = new ArrayList<>();
        for (String id : engineIds) {
            procs.add(new EngineProcess(id, callTimeoutSeconds, logDir.map(d -> d.resolve(id + ".log"))));
        }
        List<EngineDescriptor> ds = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EngineDescriptor>> started = new ArrayList<>();
            for (EngineProcess p : procs) {
                started.add(starters.submit(p::start));
            }
            for (Future<EngineDescriptor> f : started) {
                ds.add(f.get());
            }
        } catch (ExecutionException e) {
            procs.forEach(EngineProcess::close);
            throw e.getCause() instanceof EngineProcess.WorkerStartException w ? w
                    : new EngineProcess.WorkerStartException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            procs.forEach(EngineProcess::close);
            throw new EngineProcess.WorkerStartException("interrupted while starting workers");
        }
        return new IsolatedRunner(List.copyOf(procs), List.copyOf(ds), callTimeoutSeconds, slack, profiles);
    }

    @Override
    public List<EngineDescriptor> engines() {
        return descriptors;
    }

    /** Worker restarts so far, summed over the engines. */
    public int restarts() {
        return processes.stream().mapToInt(EngineProcess::restarts).sum();
    }

    @Override
    public RunOutcome run(Vector vector) {
        Duration deadline = deadline(vector);
        List<Future<EngineProcess.Reply>> replies = new ArrayList<>();
        for (EngineProcess p : processes) {
            replies.add(pool.submit(() -> p.run(vector, deadline)));
        }
        List<EngineTrace> traces = new ArrayList<>();
        List<WorkerFault> faults = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            EngineDescriptor d = descriptors.get(i);
            EngineProcess.Reply reply;
            try {
                reply = replies.get(i).get();
            } catch (ExecutionException e) {
                // the worker could not even be restarted: a fault of that engine like a crash
                reply = new EngineProcess.Reply.Faulted(new WorkerFault(d.id(), WorkerFault.Kind.CRASH,
                        String.valueOf(e.getCause().getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a case", e);
            }
            switch (reply) {
                case EngineProcess.Reply.Traced t -> traces.add(t.trace());
                case EngineProcess.Reply.Faulted f -> {
                    faults.add(f.fault());
                    traces.add(new EngineTrace(d, Bytes.EMPTY, List.of(), Optional.of(new EngineTrace.Failure(0, 0,
                            new HarnessFailure(HarnessFailure.Kind.ENGINE_ERROR,
                                    "worker " + f.fault().kind().id() + ": " + f.fault().detail())))));
                }
            }
        }
        Bytes genesis = traces.stream().map(EngineTrace::preStateRoot).filter(b -> !b.isEmpty()).findFirst()
                .orElse(Bytes.EMPTY);
        String costTableHash = profiles.apply(vector.profile()).costTableHash();
        return new RunOutcome(new VectorVerdict(vector, traces, Oracle.judge(vector, genesis, costTableHash, traces)), faults);
    }

    @Override
    public Optional<List<HostCallTrace.HostCall>> hostCalls(Vector vector, String engine, int block, int tx) {
        for (int i = 0; i < descriptors.size(); i++) {
            if (descriptors.get(i).id().equals(engine)) {
                Duration deadline = deadline(vector);
                return processes.get(i).hostCalls(vector, block, tx, deadline);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        processes.forEach(EngineProcess::close);
    }

    /** How long a worker may stay silent on {@code vector} before it counts as hung. */
    private Duration deadline(Vector vector) {
        return Duration.ofSeconds((long) callTimeoutSeconds * (vector.transactionCount() + 1)).plus(slack);
    }
}
