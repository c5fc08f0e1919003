package io.ecliptica.harness.exec;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.harness.abi.CallContext;
import io.ecliptica.harness.abi.CallStatus;
import io.ecliptica.harness.abi.CallerSealer;
import io.ecliptica.harness.abi.ContractCalls;
import io.ecliptica.harness.abi.HostAbi;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.abi.HostSignal;
import io.ecliptica.harness.abi.TransactionJournal;
import io.ecliptica.harness.crypto.CallInputCipher;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.state.Account;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Runs the callees of {@code call_contract} for one transaction (docs/abi.md §6), on the engine's
 * worker thread, from inside the caller's host function: each callee in a fresh instance of its own
 * module on the same engine, with its own host bound to the transaction's journal and trace. A
 * callee that does not end ok is rolled back to the checkpoint taken before it started.
 */
final class ContractCallRunner implements ContractCalls {

    /** The callee's entry point: an export named {@code call} taking and returning nothing. */
    static final String ENTRY = "call";
    static final FunctionType ENTRY_TYPE = new FunctionType(List.of(), List.of());

    /** Compiles (or finds) a prepared module on the calling thread; a rejection is returned, not thrown. */
    interface ModuleSource {
        Optional<CompiledModule> compiled(Bytes codeHash, ExecutionProfile.Preparation.Ready ready);
    }

    private final WorldState pre;
    private final CodeStore code;
    private final PreparedModules prepared;
    private final ModuleSource modules;
    private final TransactionJournal journal;
    private final HostCallTrace trace;
    private final Optional<CallerSealer> sealer;
    private final Optional<InputSealing> sealing;
    private int calls;
    /** Instances of this transaction's call chain now running, innermost first; read by {@link #stop()}. */
    private final Deque<ModuleInstance> running = new ConcurrentLinkedDeque<>();
    private volatile boolean stopped;

    /** How call inputs are sealed to the callee on a private chain: the chain secret and the transaction's place. */
    record InputSealing(ChainSecret master, long height, int txIndex) {
    }

    ContractCallRunner(WorldState pre, CodeStore code, PreparedModules prepared, ModuleSource modules,
                       TransactionJournal journal, HostCallTrace trace, Optional<CallerSealer> sealer,
                       Optional<InputSealing> sealing) {
        this.pre = pre;
        this.code = code;
        this.prepared = prepared;
        this.modules = modules;
        this.journal = journal;
        this.trace = trace;
        this.sealer = sealer;
        this.sealing = sealing;
    }

    /** The n-th call of the transaction (from 0) seals its input with call index n. */
    @Override
    public Bytes send(CallContext caller, Bytes callee, Bytes input) {
        int index = calls++;
        return sealing.map(s -> CallInputCipher.seal(s.master(), callee, s.height(), s.txIndex(), index, input))
                .orElse(input);
    }

    /** What the callee reads: the input as sent, opened first on a private chain. */
    private Bytes received(Bytes callee, Bytes sent) {
        int index = calls - 1; // send() was called for this call just before
        return sealing.map(s -> CallInputCipher.open(s.master(), callee, s.height(), s.txIndex(), index, sent))
                .orElse(sent);
    }

    @Override
    public Outcome call(CallContext caller, Bytes callee, Bytes sent, long gas, int depth) {
        Bytes input = received(callee, sent);
        Optional<Account> account = pre.account(callee);
        if (account.isEmpty()) {
            return Outcome.notRun(CallStatus.INVALID);
        }
        Bytes codeHash = account.get().codeHash();
        if (!(prepared.get(codeHash, code) instanceof ExecutionProfile.Preparation.Ready ready)) {
            return Outcome.notRun(CallStatus.INVALID);
        }
        Optional<CompiledModule> module = modules.compiled(codeHash, ready);
        if (module.isEmpty()) {
            return Outcome.notRun(CallStatus.INVALID);
        }
        TransactionJournal.Checkpoint checkpoint = journal.checkpoint();
        Outcome outcome = run(module.get(), ready, new CallContext(caller.self(), callee, input, caller.blockHeight(),
                caller.blockTime()), gas, depth);
        if (outcome.status() != CallStatus.OK) {
            journal.rollback(checkpoint);
        }
        return outcome;
    }

    private Outcome run(CompiledModule module, ExecutionProfile.Preparation.Ready ready, CallContext context, long gas,
                        int depth) {
        HostAbi host = new HostAbi(context, journal, trace, depth, this, sealer);
        List<HostImport> imports = imports(host, ready);
        ModuleInstance instance;
        try {
            instance = module.instantiate(imports);
        } catch (ExecutionInterruptedException | EngineFailureException e) {
            throw e;
        } catch (LinkException e) {
            return Outcome.notRun(CallStatus.INVALID);
        } catch (RuntimeException e) {
            // a trap while instantiating uses all the forwarded gas (docs/gas.md §2)
            return new Outcome(CallStatus.TRAP, Bytes.EMPTY, ready.metered() ? gas : 0);
        }
        try (instance) {
            running.addFirst(instance);
            if (stopped) {
                throw new ExecutionInterruptedException("stopped before the callee started", null);
            }
            if (!ENTRY_TYPE.equals(instance.exportType(ENTRY))) {
                return Outcome.notRun(CallStatus.INVALID);
            }
            if (ready.metered()) {
                Metering.setGas(instance, gas);
                host.attach(Metering.callerGas(instance));
            }
            RuntimeException failure = null;
            try {
                if (ready.hasStart()) {
                    instance.call(Metering.START);
                }
                instance.call(ENTRY);
            } catch (ExecutionInterruptedException | EngineFailureException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = e;
            }
            long used = ready.metered() ? Metering.gasUsed(instance, gas, failure) : 0;
            return switch (CallEnd.of(failure)) {
                case CallEnd.Ok ok -> new Outcome(CallStatus.OK, host.output(), used);
                case CallEnd.Reverted r -> new Outcome(CallStatus.REVERT, r.message(), used);
                case CallEnd.Trapped t -> new Outcome(CallStatus.TRAP, t.message(), used);
            };
        } finally {
            running.remove(instance);
        }
    }

    static List<HostImport> imports(HostAbi host, ExecutionProfile.Preparation.Ready ready) {
        if (!ready.metered()) {
            return host.imports();
        }
        List<HostImport> all = new ArrayList<>(host.imports());
        all.addAll(Metering.IMPORTS);
        return all;
    }

    /** Interrupts every callee now running, innermost first, and any callee about to start. */
    void stop() {
        stopped = true;
        for (ModuleInstance i : running) {
            i.interrupt();
        }
    }

    /** How a callee's {@code call} ended, as {@code call_contract} reports it. */
    sealed interface CallEnd {
        record Ok() implements CallEnd {
        }

        record Reverted(Bytes message) implements CallEnd {
        }

        /** Any trap; an abort keeps its message as the output, every other class has none. */
        record Trapped(Bytes message) implements CallEnd {
        }

        /**
         * Classifies a callee's failure as the transaction-level rules of docs/abi.md §4 would; an
         * exception that is no outcome of the contract (a harness bug) propagates and fails the
         * whole transaction on this engine, as it would at the top level.
         */
        static CallEnd of(RuntimeException failure) {
            if (failure == null) {
                return new Ok();
            }
            return switch (failure) {
                case HostSignal.Revert r -> new Reverted(r.message());
                case HostSignal.Abort a -> new Trapped(a.message());
                case HostSignal h -> new Trapped(Bytes.EMPTY);
                case io.ecliptica.engine.MemoryAccessException m -> new Trapped(Bytes.EMPTY);
                case io.ecliptica.engine.WasmTrapException w -> new Trapped(Bytes.EMPTY);
                case LinkException l -> new Trapped(Bytes.EMPTY); // missing_export, signature_mismatch
                default -> throw failure;
            };
        }
    }
}
