package io.ecliptica.harness.runner;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.function.Function;
import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.harness.exec.PreparedModules;

/**
 * Runs vectors on several engines at once, each engine on its own copy of the state and its own
 * worker thread, then hands the traces to the {@link Oracle}. Parallelism cannot leak into the
 * results: engines share nothing, and traces are compared in engine order after all finished.
 */
public final class DifferentialRunner implements AutoCloseable {
    private final List<EngineExecutor> engines;
    private final Function<String, ExecutionProfile> profiles;
    private final Map<String, PreparedModules> prepared = new ConcurrentHashMap<>();
    private final ExecutorService coordinators = Executors.newVirtualThreadPerTaskExecutor();

    /** @param profiles resolves a vector's profile id; throws IllegalArgumentException if unknown */
    public DifferentialRunner(List<EngineExecutor> engines, Function<String, ExecutionProfile> profiles) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engines to run");
        }
        this.engines = List.copyOf(engines);
        this.profiles = profiles;
    }

    /** The prepared modules of a profile, shared by every engine and every vector of this runner. */
    public PreparedModules prepared(String profileId) {
        return prepared.computeIfAbsent(profileId, id -> new PreparedModules(profiles.apply(id)));
    }

    /**
     * Drops the prepared modules (a long fuzzing campaign sees millions of distinct modules; the
     * engines' compile caches are bounded already).
     */
    public void forgetPrepared() {
        prepared.clear();
    }

    public List<EngineExecutor> engines() {
        return engines;
    }

    public VectorVerdict run(Vector vector) {
        VectorExecution.Genesis genesis = VectorExecution.Genesis.of(vector);
        PreparedModules modules = prepared(vector.profile());
        List<Future<EngineTrace>> futures = new ArrayList<>();
        for (EngineExecutor e : engines) {
            futures.add(coordinators.submit(() -> VectorExecution.run(vector, genesis, modules, e)));
        }
        List<EngineTrace> traces = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            traces.add(await(futures.get(i), engines.get(i), genesis));
        }
        return new VectorVerdict(vector, traces,
                Oracle.judge(vector, genesis.state().stateRoot(), modules.profile().costTableHash(), traces));
    }

    /** A bug in the harness itself while running one engine is reported as that engine's failure. */
    private static EngineTrace await(Future<EngineTrace> future, EngineExecutor engine, VectorExecution.Genesis genesis) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(engine, genesis, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return failed(engine, genesis, "harness error " + c.getClass().getName() + ": " + c.getMessage());
        }
    }

    private static EngineTrace failed(EngineExecutor engine, VectorExecution.Genesis genesis, String why) {
        return new EngineTrace(engine.descriptor(), genesis.state().stateRoot(), List.of(),
                Optional.of(new EngineTrace.Failure(0, 0, new HarnessFailure(HarnessFailure.Kind.ENGINE_ERROR, why))));
    }

    @Override
    public void close() {
        coordinators.shutdownNow();
        engines.forEach(EngineExecutor::close);
    }
}
