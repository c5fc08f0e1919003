package io.ecliptica.harness.exec;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.MemoryAccessException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmTrapException;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.abi.CallContext;
import io.ecliptica.harness.abi.CallerSealer;
import io.ecliptica.harness.abi.HostAbi;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.abi.HostSignal;
import io.ecliptica.harness.abi.StorageOverlay;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.abi.TransactionJournal;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Account;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes transactions on one engine: compiles each code hash once, runs every call in a fresh
 * instance on the engine's worker thread under the wall-clock guard, and normalizes whatever
 * happened into a {@link CallResult}. Owns its engine and worker.
 */
public final class EngineExecutor implements AutoCloseable {

    /** Wall-clock bounds; these bound the harness, they are not part of any result. */
    public record Limits(Duration callTimeout, Duration compileTimeout) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(20), Duration.ofSeconds(120));
    }

    private static final int MODULE_CACHE_SIZE = 64;

    private final WasmEngine engine;
    private final EngineWorker worker;
    private final Limits limits;
    /** Time spent running calls on the worker (instantiate, start, call, host functions): the engine's own work. */
    private final java.util.concurrent.atomic.LongAdder engineNanos = new java.util.concurrent.atomic.LongAdder();
    private final HostCrypto crypto;
    /** A prepared module's identity: the same code prepares differently under different profiles. */
    private record ModuleKey(String profile, Bytes codeHash) {
    }

    /** Compiled modules (or the rejection); a transaction pins the modules it runs until it ends. */
    private final ModuleCache<ModuleKey> modules = new ModuleCache<>(MODULE_CACHE_SIZE);

    public EngineExecutor(WasmEngine engine, Limits limits) {
        this(engine, limits, HostCrypto.STANDARD);
    }

    /** An executor whose host uses {@code crypto} on private chains (tests give one engine a faulty one). */
    public EngineExecutor(WasmEngine engine, Limits limits, HostCrypto crypto) {
        this.engine = engine;
        this.limits = limits;
        this.crypto = crypto;
        this.worker = new EngineWorker(engine.descriptor().id());
    }

    public EngineDescriptor descriptor() {
        return engine.descriptor();
    }

    /**
     * Runs {@code work} on this engine's worker thread, where every call it makes through this
     * executor runs inline (each still under its own wall-clock guard) instead of being handed to
     * the worker one by one: a block of transactions then costs one thread hand-off, not one per
     * transaction. {@code timeout} bounds the whole of {@code work}.
     *
     * @throws TimeoutException {@code work} overran
     * @throws ExecutionException {@code work} threw; the cause is its exception
     */
    public <T> T onWorker(java.util.concurrent.Callable<T> work, Duration timeout) throws TimeoutException, ExecutionException {
        return worker.run(new EngineWorker.Stoppable<T>() {
            @Override
            public T call() throws Exception {
                return work.call();
            }

            @Override
            public void stop() {
                // each call inside has its own guard; an overrun here is the guard of last resort
            }
        }, timeout);
    }

    /** The wall-clock limits of this executor. */
    public Limits limits() {
        return limits;
    }

    /**
     * Nanoseconds this executor's engine spent running calls so far (instantiation, start function,
     * the call and the host functions it called), without compiling, dispatch or state updates.
     * Benchmarks divide wall time by it to get the harness's own overhead.
     */
    public long engineNanos() {
        return engineNanos.sum();
    }

    /**
     * Runs {@code tx} against {@code pre} with modules prepared under {@code prepared}'s profile; on
     * {@link Status#OK} the returned state has its writes.
     */
    public Execution execute(PreparedModules prepared, WorldState pre, CodeStore code, BlockHeader block, Transaction tx) {
        return execute(prepared, pre, code, TxContext.plain(block, 0), tx, false);
    }

    /**
     * As {@link #execute(PreparedModules, WorldState, CodeStore, BlockHeader, Transaction)}; with
     * {@code recordHostCalls} the result carries every host call, not only the trace digest.
     */
    public Execution execute(PreparedModules prepared, WorldState pre, CodeStore code, BlockHeader block, Transaction tx,
                             boolean recordHostCalls) {
        return execute(prepared, pre, code, TxContext.plain(block, 0), tx, recordHostCalls);
    }

    /**
     * Runs {@code tx} at its place {@code ctx} in the chain: on a private chain (docs/privacy.md §10)
     * admission checks come first, stored values are decrypted on read, and the result's writes,
     * output and events are encrypted and sealed.
     */
    public Execution execute(PreparedModules prepared, WorldState pre, CodeStore code, TxContext ctx, Transaction tx,
                             boolean recordHostCalls) {
        try (ModuleCache<ModuleKey>.Pins pins = modules.pins()) {
            return execute(prepared, pre, code, ctx, tx, recordHostCalls, pins);
        }
    }

    private Execution execute(PreparedModules prepared, WorldState pre, CodeStore code, TxContext ctx, Transaction tx,
                              boolean recordHostCalls, ModuleCache<ModuleKey>.Pins pins) {
        Optional<Privacy> privacy = ctx.privacy();
        if (privacy.isPresent()) {
            Optional<CallResult> rejected = PrivateTransactions.admit(crypto, privacy.get(), tx, pre);
            if (rejected.isPresent()) {
                return completed(pre, rejected.get());
            }
        }
        Optional<Account> target = pre.account(tx.to());
        if (target.isEmpty()) {
            return completed(pre, failure(pre, Status.INVALID, "no_contract", "no contract at " + tx.to()));
        }
        Bytes codeHash = target.get().codeHash();
        ExecutionProfile.Preparation preparation = prepared.get(codeHash, code);
        if (preparation instanceof ExecutionProfile.Preparation.Rejected r) {
            return completed(pre, new CallResult(Status.INVALID, r.errorClass(), Bytes.utf8(r.message()), List.of(),
                    List.of(), List.of(), 0, pre.stateRoot(), r.message()));
        }
        ExecutionProfile.Preparation.Ready ready = (ExecutionProfile.Preparation.Ready) preparation;
        Transaction run = tx;
        if (privacy.isPresent() && ready.metered()) {
            Optional<CallResult> tooLow = PrivateTransactions.intrinsicGas(tx, pre);
            if (tooLow.isPresent()) {
                return completed(pre, tooLow.get());
            }
            run = new Transaction(tx.from(), tx.to(), tx.function(), tx.input(), tx.args(),
                    tx.gasLimit() - PrivateTransactions.SIGNATURE_CHECK, tx.auth());
        }
        Object module;
        try {
            module = compiled(new ModuleKey(prepared.profile().id(), codeHash), ready.wasm(), pins);
        } catch (TimeoutException e) {
            return new Execution.Failed(new HarnessFailure(HarnessFailure.Kind.TIMEOUT,
                    "compiling " + codeHash + " took longer than " + limits.compileTimeout().toSeconds() + " s"));
        } catch (ExecutionException e) {
            return new Execution.Failed(engineError("compile", e.getCause()));
        }
        if (module instanceof ModuleRejectedException rejected) {
            return completed(pre, failure(pre, Status.INVALID, "invalid_module", rejected.getMessage()));
        }
        // Every contract of the transaction reads its own storage, decrypted on a private chain.
        TransactionJournal journal = new TransactionJournal(privacy.isEmpty() ? pre::storageValue
                : (address, key) -> pre.storageValue(address, key)
                        .map(v -> crypto.decryptValue(privacy.get().master(), address, key, v)));
        HostCallTrace trace = new HostCallTrace(recordHostCalls);
        Optional<CallerSealer> sealer = privacy.map(p -> {
            ViewingPublicKey viewer = p.viewer(tx.from()).orElseThrow();
            return (index, payload) -> crypto.seal(p.master(),
                    new OutputPosition(ctx.block().height(), ctx.txIndex(), index), viewer, payload);
        });
        ContractCallRunner calls = new ContractCallRunner(pre, code, prepared,
                (hash, r) -> compiledOnWorker(new ModuleKey(prepared.profile().id(), hash), r.wasm(), pins), journal, trace,
                sealer, privacy.map(p -> new ContractCallRunner.InputSealing(p.master(), ctx.block().height(), ctx.txIndex())));
        HostAbi host = new HostAbi(new CallContext(tx.from(), tx.to(), tx.input(), ctx.block().height(), ctx.block().time()),
                journal, trace, 0, calls, sealer);
        CallTask task = new CallTask((CompiledModule) module, ready, host, run, calls, engineNanos);
        CallOutcome outcome;
        try {
            outcome = worker.run(task, limits.callTimeout());
        } catch (TimeoutException e) {
            return new Execution.Failed(new HarnessFailure(HarnessFailure.Kind.TIMEOUT,
                    "call of '" + tx.function() + "' ran longer than " + limits.callTimeout().toSeconds() + " s"));
        } catch (ExecutionException e) {
            return new Execution.Failed(engineError("call", e.getCause()));
        }
        Execution plain;
        if (outcome.failure() != null) {
            plain = classify(pre, outcome.failure(), outcome.gasUsed());
        } else {
            List<StorageWrite> writes = journal.writeSet();
            WorldState post = privacy.isPresent() ? pre : apply(pre, writes);
            plain = completed(post, new CallResult(Status.OK, "", host.output(), Arrays.asList(outcome.results()),
                    host.events(), writes, outcome.gasUsed(), post.stateRoot(), ""));
        }
        if (privacy.isPresent() && plain instanceof Execution.Completed c) {
            plain = PrivateTransactions.finish(crypto, privacy.get(), ctx, tx, ready.metered(), pre, c.result(),
                    outcome.gasUsed(), stored -> apply(pre, stored));
        }
        return withTrace(plain, trace);
    }

    /**
     * The signature of a function export of the given code, or empty if the module is rejected,
     * cannot be instantiated, or has no such function.
     */
    public Optional<FunctionType> exportType(PreparedModules prepared, CodeStore code, Bytes codeHash, String function) {
        try (ModuleCache<ModuleKey>.Pins pins = modules.pins()) {
            if (!(prepared.get(codeHash, code) instanceof ExecutionProfile.Preparation.Ready ready)
                    || !(compiled(new ModuleKey(prepared.profile().id(), codeHash), ready.wasm(), pins) instanceof CompiledModule module)) {
                return Optional.empty();
            }
            HostAbi host = new HostAbi(new CallContext(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, 0, 0),
                    new StorageOverlay(Bytes.EMPTY, k -> Optional.empty()));
            List<HostImport> imports = ContractCallRunner.imports(host, ready);
            return Optional.ofNullable(worker.run(new EngineWorker.Stoppable<FunctionType>() {
                private final AtomicReference<ModuleInstance> running = new AtomicReference<>();

                @Override
                public FunctionType call() {
                    try (ModuleInstance instance = module.instantiate(imports)) {
                        running.set(instance);
                        return instance.exportType(function);
                    }
                }

                @Override
                public void stop() {
                    ModuleInstance i = running.get();
                    if (i != null) {
                        i.interrupt();
                    }
                }
            }, limits.callTimeout()));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * A callee's module, compiled on the worker thread itself (the caller's host function runs
     * there, so it cannot hand work to the worker and wait); empty if the engine rejects it.
     */
    private Optional<CompiledModule> compiledOnWorker(ModuleKey key, byte[] bytes, ModuleCache<ModuleKey>.Pins pins) {
        Object module = modules.get(key, pins);
        if (module == null) {
            Object fresh;
            try {
                fresh = engine.compile(bytes);
            } catch (ModuleRejectedException e) {
                fresh = e;
            }
            module = modules.put(key, fresh, pins);
        }
        return module instanceof CompiledModule m ? Optional.of(m) : Optional.empty();
    }

    private Object compiled(ModuleKey key, byte[] bytes, ModuleCache<ModuleKey>.Pins pins)
            throws TimeoutException, ExecutionException {
        Object cached = modules.get(key, pins);
        if (cached != null) {
            return cached;
        }
        Object result = worker.run(new EngineWorker.Stoppable<Object>() {
            @Override
            public Object call() {
                try {
                    return engine.compile(bytes);
                } catch (ModuleRejectedException e) {
                    return e;
                }
            }

            @Override
            public void stop() {
                // Compilation has no interrupt hook; the guard abandons the worker thread instead.
            }
        }, limits.compileTimeout());
        return modules.put(key, result, pins);
    }

    /** How a call ended on the worker thread: results, or the exception that ended it; gas used either way. */
    private record CallOutcome(WasmValue[] results, RuntimeException failure, long gasUsed) {
    }

    /**
     * Instantiate, set the gas, run the start function and the call, read the gas left — all on
     * the worker thread. stop() reaches whichever instance is running.
     */
    private static final class CallTask implements EngineWorker.Stoppable<CallOutcome> {
        private final CompiledModule module;
        private final ExecutionProfile.Preparation.Ready prepared;
        private final HostAbi host;
        private final Transaction tx;
        private final ContractCallRunner calls;
        private final java.util.concurrent.atomic.LongAdder nanos;
        private final AtomicReference<ModuleInstance> running = new AtomicReference<>();
        private volatile boolean stopped;

        CallTask(CompiledModule module, ExecutionProfile.Preparation.Ready prepared, HostAbi host, Transaction tx,
                 ContractCallRunner calls, java.util.concurrent.atomic.LongAdder nanos) {
            this.module = module;
            this.prepared = prepared;
            this.host = host;
            this.tx = tx;
            this.calls = calls;
            this.nanos = nanos;
        }

        @Override
        public CallOutcome call() {
            long start = System.nanoTime();
            try {
                return run();
            } finally {
                nanos.add(System.nanoTime() - start);
            }
        }

        private CallOutcome run() {
            List<HostImport> imports = ContractCallRunner.imports(host, prepared);
            ModuleInstance instance;
            try {
                instance = module.instantiate(imports);
            } catch (ExecutionInterruptedException | EngineFailureException e) {
                throw e;
            } catch (RuntimeException e) {
                // a trap during instantiation uses all the gas under a metering profile (docs/abi.md §4)
                return new CallOutcome(null, e, prepared.metered() ? tx.gasLimit() : 0);
            }
            try (instance) {
                running.set(instance);
                if (stopped) {
                    throw new ExecutionInterruptedException("stopped before the call started", null);
                }
                if (prepared.metered()) {
                    Metering.setGas(instance, tx.gasLimit());
                    host.attach(Metering.callerGas(instance));
                }
                RuntimeException failure = null;
                WasmValue[] results = null;
                try {
                    if (prepared.hasStart()) {
                        instance.call(Metering.START);
                    }
                    results = instance.call(tx.function(), tx.args().toArray(WasmValue[]::new));
                } catch (ExecutionInterruptedException | EngineFailureException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failure = e;
                }
                // docs/gas.md §2: exact after ok, revert and abort; the whole limit after other traps
                long used = prepared.metered() ? Metering.gasUsed(instance, tx.gasLimit(), failure) : 0;
                return new CallOutcome(results, failure, used);
            } finally {
                running.set(null);
            }
        }

        @Override
        public void stop() {
            stopped = true;
            calls.stop(); // the innermost callee first: on some engines the caller's interrupt does not reach it
            ModuleInstance instance = running.get();
            if (instance != null) {
                instance.interrupt();
            }
        }
    }

    /** Maps how a call ended onto docs/abi.md §4; the state is rolled back for every non-ok status. */
    private static Execution classify(WorldState pre, RuntimeException t, long gas) {
        Bytes root = pre.stateRoot();
        return switch (t) {
            case HostSignal.Revert r -> completed(pre, new CallResult(Status.REVERT, "", r.message(), List.of(),
                    List.of(), List.of(), gas, root, "revert"));
            case HostSignal.Abort a -> completed(pre, new CallResult(Status.TRAP, "abort", a.message(), List.of(),
                    List.of(), List.of(), gas, root, "abort"));
            case HostSignal.OutOfGas o -> completed(pre, trap(pre, "out_of_gas", gas, o.getMessage()));
            case HostSignal.StackExhausted x -> completed(pre, trap(pre, TrapKind.CALL_STACK_EXHAUSTED.id(), gas, x.getMessage()));
            case HostSignal.AbiViolation v -> completed(pre, trap(pre, "abi_violation", gas, v.getMessage()));
            case MemoryAccessException m -> completed(pre, trap(pre, TrapKind.OUT_OF_BOUNDS_MEMORY.id(), gas, m.getMessage()));
            case WasmTrapException w -> completed(pre, trap(pre, w.kind().id(), gas, w.getMessage()));
            case LinkException l -> completed(pre, switch (l.reason()) {
                case MISSING_EXPORT -> trap(pre, "missing_export", gas, l.getMessage());
                case SIGNATURE_MISMATCH -> trap(pre, "signature_mismatch", gas, l.getMessage());
                case UNKNOWN_IMPORT -> failure(pre, Status.INVALID, "link_error", l.getMessage());
            });
            case ModuleRejectedException m -> completed(pre, failure(pre, Status.INVALID, "invalid_module", m.getMessage()));
            default -> new Execution.Failed(engineError("call", t));
        };
    }

    private static HarnessFailure engineError(String phase, Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return new HarnessFailure(HarnessFailure.Kind.ENGINE_ERROR,
                phase + " failed with " + t.getClass().getName() + message);
    }

    static CallResult trap(WorldState pre, String cls, long gas, String diagnostic) {
        return new CallResult(Status.TRAP, cls, Bytes.EMPTY, List.of(), List.of(), List.of(), gas, pre.stateRoot(), diagnostic);
    }

    /** A call that never started (no instance): uses no gas. */
    static CallResult failure(WorldState pre, Status status, String cls, String diagnostic) {
        return new CallResult(status, cls, Bytes.EMPTY, List.of(), List.of(), List.of(), 0, pre.stateRoot(), diagnostic);
    }

    private static Execution withTrace(Execution e, HostCallTrace trace) {
        return e instanceof Execution.Completed c ? new Execution.Completed(c.result(), c.post(), trace.summary()) : e;
    }

    private static Execution completed(WorldState post, CallResult result) {
        return new Execution.Completed(result, post);
    }

    private static WorldState apply(WorldState state, List<StorageWrite> writes) {
        WorldState s = state;
        for (StorageWrite w : writes) {
            s = w.isDeletion() ? s.withoutStorage(w.address(), w.key())
                    : s.withStorage(w.address(), w.key(), w.value().get());
        }
        return s;
    }

    @Override
    public void close() {
        modules.close();
        worker.close();
        engine.close();
    }
}
