package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import java.util.List;

/**
 * One Chicory instance.
 *
 * <p><b>Interruption.</b> Chicory stops wasm code when the running thread is interrupted: both the
 * interpreter and the compiled bytecode call a check of {@link Thread#isInterrupted()} (on calls
 * and backward branches; see {@link ChicoryModule} for the interpreter's {@code br_if}/{@code br_table}
 * gap this adapter closes) and throw {@link ChicoryInterruptedException}. So {@link #interrupt()}
 * interrupts the thread that is inside {@link #call}, recorded when the call starts; the call then
 * ends with {@link ExecutionInterruptedException}. When the call is over the thread's interrupt flag
 * is cleared again (if this instance set it, or Chicory stopped on it), so the worker thread stays
 * usable. An {@code interrupt()} that comes while no call runs is kept and stops the next call
 * before it starts; it is consumed by that call.
 */
final class ChicoryInstance implements ModuleInstance {

    private final ChicoryModule module;
    private final Instance instance;
    private final HostCallState state;

    private final Object lock = new Object();
    /** The thread inside {@link #call}, or null. Guarded by {@link #lock}. */
    private Thread runner;
    /** {@link #interrupt()} was requested and not yet consumed by a call. Guarded by {@link #lock}. */
    private boolean interruptRequested;

    ChicoryInstance(ChicoryModule module, Instance instance, HostCallState state) {
        this.module = module;
        this.instance = instance;
        this.state = state;
    }

    @Override
    public WasmValue[] call(String export, WasmValue... args) {
        WasmValue[] actual = args == null ? new WasmValue[0] : args;
        ChicoryModule.ExportedFunction fn = resolve(export);
        List<ValueType> params = fn.type().params();
        if (actual.length != params.size() || !typesMatch(params, actual)) {
            throw new LinkException(LinkException.Reason.SIGNATURE_MISMATCH,
                    "export '" + export + "' has type " + fn.type() + ", called with " + describe(actual), null);
        }
        long[] raw = new long[actual.length];
        for (int i = 0; i < actual.length; i++) {
            raw[i] = Values.toChicoryBits(actual[i].type(), actual[i].bits());
        }
        ExportFunction target = instance.export(export);

        Thread outerRunner = begin();
        Throwable outerFailure = state.hostFailure();
        boolean stoppedByInterrupt = false;
        long[] out;
        try {
            state.resetHostFailure();
            out = target.apply(raw);
        } catch (Throwable t) {
            stoppedByInterrupt = t instanceof ChicoryInterruptedException;
            throw ChicoryErrors.translate(t, state.hostFailure());
        } finally {
            state.restoreHostFailure(outerFailure);
            end(outerRunner, stoppedByInterrupt);
        }

        List<ValueType> results = fn.type().results();
        WasmValue[] values = new WasmValue[results.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Values.toValue(results.get(i), out[i]);
        }
        return values;
    }

    @Override
    public FunctionType exportType(String export) {
        ChicoryModule.ExportedFunction fn = module.functionExport(export);
        if (fn == null) {
            return null;
        }
        requireExpressible(fn);
        return fn.type();
    }

    @Override
    public void interrupt() {
        synchronized (lock) {
            interruptRequested = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /**
     * Marks the call as running on this thread and returns the runner it replaces: non-null when a
     * host function calls back into this instance while an outer call of it is suspended there.
     */
    private Thread begin() {
        synchronized (lock) {
            if (interruptRequested) {
                interruptRequested = false;
                throw new ExecutionInterruptedException("execution interrupted before the call started", null);
            }
            Thread outer = runner;
            runner = Thread.currentThread();
            return outer;
        }
    }

    private void end(Thread outerRunner, boolean stoppedByInterrupt) {
        synchronized (lock) {
            runner = outerRunner; // a re-entrant call hands the instance back to the suspended outer call
            if (interruptRequested || stoppedByInterrupt) {
                // Our interrupt (delivered to this thread, maybe after the wasm code already
                // finished) or one Chicory reported as this call's outcome: consume it.
                interruptRequested = false;
                Thread.interrupted();
            }
        }
    }

    private ChicoryModule.ExportedFunction resolve(String export) {
        ChicoryModule.ExportedFunction fn = module.functionExport(export);
        if (fn == null) {
            throw new LinkException(LinkException.Reason.MISSING_EXPORT, "no function export named '" + export + "'", null);
        }
        requireExpressible(fn);
        return fn;
    }

    /**
     * An export whose signature uses v128 or reference types cannot be described or called through
     * this API (its values are i32/i64/f32/f64 only); it is reported as a signature mismatch
     * rather than as missing.
     */
    private static void requireExpressible(ChicoryModule.ExportedFunction fn) {
        if (!fn.expressible()) {
            throw new LinkException(LinkException.Reason.SIGNATURE_MISMATCH,
                    "export '" + fn.name() + "' has type " + ChicoryModule.describe(fn.chicoryType())
                            + ", outside i32/i64/f32/f64", null);
        }
    }

    private static boolean typesMatch(List<ValueType> params, WasmValue[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null || args[i].type() != params.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(WasmValue[] args) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(args[i] == null ? "null" : args[i].type().wasmName());
        }
        return sb.append(']').toString();
    }
}
