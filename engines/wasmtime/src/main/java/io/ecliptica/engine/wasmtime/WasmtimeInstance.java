package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.lang.ref.Cleaner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One wasmtime instance (own memory, globals, tables) in a {@link SharedStore}.
 *
 * <p>The binding's handles (instance, looked-up functions, memory) are freed by {@link #close()},
 * which also releases the instance's place in its store; a {@link Cleaner} does the same for an
 * instance that is never closed. Nothing the store holds on to (the host-function handlers) refers
 * back to this object, so an unclosed instance can still become unreachable.
 *
 * <p>{@link #interrupt()} advances the engine's epoch (see {@link WasmtimeEngine}). One that comes
 * while no call runs is kept and stops the next call before it starts; it is consumed by that call.
 */
final class WasmtimeInstance implements ModuleInstance {

    private final WasmtimeEngine engine;
    private final ModuleInfo info;
    private final SharedStore shared;
    private final Store<Void> store;
    private final HostBridge bridge;
    private final Handles handles;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean interruptRequested;
    private boolean closed;

    WasmtimeInstance(WasmtimeEngine engine, ModuleInfo info, SharedStore shared, Instance instance, HostBridge bridge) {
        this.engine = engine;
        this.info = info;
        this.shared = shared;
        this.store = shared.store();
        this.bridge = bridge;
        this.handles = new Handles(shared, instance, bridge.memory());
        this.cleanable = WasmtimeModule.CLEANER.register(this, handles);
    }

    @Override
    public WasmValue[] call(String export, WasmValue... args) {
        WasmValue[] actual = args == null ? new WasmValue[0] : args;
        FunctionType type = info.functionExports().get(export);
        if (type == null) {
            throw new LinkException(LinkException.Reason.MISSING_EXPORT, "no function export named '" + export + "'", null);
        }
        Val[] vals = arguments(export, type, actual);
        Val[] out = invoke(function(export), vals);
        List<ValueType> results = type.results();
        WasmValue[] values = new WasmValue[results.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Values.toValue(results.get(i), out[i]);
        }
        return values;
    }

    /** Runs the module's start function (exported under a hidden name) as part of instantiation. */
    void runStart(String hiddenExport) {
        invoke(function(hiddenExport), new Val[0]);
    }

    private Val[] invoke(Func target, Val[] vals) {
        engine.stackGuard().check();
        store.setEpochDeadline(1); // one epoch ahead of now: the next interrupt() stops this call
        if (interruptRequested) {
            interruptRequested = false;
            throw new ExecutionInterruptedException("execution interrupted before the call started", null);
        }
        // A host function may call back into this instance while an outer call of it waits there:
        // the outer call's failure record is kept aside and put back when this call ends.
        Throwable outerFailure = bridge.failure();
        bridge.reset();
        HostBridge previous = shared.enter(bridge);
        try {
            return target.call(store, vals);
        } catch (RuntimeException | StackOverflowError e) {
            RuntimeException outcome = Traps.translate(e, bridge.failure(), info);
            if (outcome instanceof ExecutionInterruptedException) {
                interruptRequested = false; // consumed by this call
            }
            throw outcome;
        } finally {
            shared.exit(previous);
            bridge.restore(outerFailure);
        }
    }

    private Func function(String export) {
        if (closed) {
            throw new IllegalStateException("instance is closed");
        }
        Func f = handles.functions.get(export);
        if (f == null) {
            f = handles.instance.getFunc(store, export)
                    .orElseThrow(() -> new LinkException(LinkException.Reason.MISSING_EXPORT, "no function export named '" + export + "'", null));
            handles.functions.put(export, f);
        }
        return f;
    }

    private static Val[] arguments(String export, FunctionType type, WasmValue[] args) {
        List<ValueType> params = type.params();
        boolean matches = args.length == params.size();
        for (int i = 0; matches && i < args.length; i++) {
            matches = args[i] != null && args[i].type() == params.get(i);
        }
        if (!matches) {
            throw new LinkException(LinkException.Reason.SIGNATURE_MISMATCH,
                    "export '" + export + "' has type " + type + ", called with " + describe(args), null);
        }
        Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = Values.toVal(args[i].type(), args[i].bits());
        }
        return vals;
    }

    private static String describe(WasmValue[] args) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", " : "").append(args[i] == null ? "null" : args[i].type().wasmName());
        }
        return sb.append(']').toString();
    }

    @Override
    public FunctionType exportType(String export) {
        return info.functionExports().get(export);
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
        engine.interruptAll();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // Read here, on the thread that owns the store: the cleaner's thread must not touch it.
            handles.memoryBytes = bridge.memory().size();
            cleanable.clean();
        }
    }

    /** The binding's handles of one instance, freed once; no reference to the instance object. */
    private static final class Handles implements Runnable {
        final SharedStore shared;
        final Instance instance;
        final InstanceMemory memory;
        final Map<String, Func> functions = new HashMap<>();
        long memoryBytes;

        Handles(SharedStore shared, Instance instance, InstanceMemory memory) {
            this.shared = shared;
            this.instance = instance;
            this.memory = memory;
        }

        /** Frees handle objects only (no store access), so it is safe on the cleaner's thread. */
        @Override
        public void run() {
            functions.values().forEach(Func::dispose);
            functions.clear();
            memory.dispose();
            instance.dispose();
            shared.release(memoryBytes); // may dispose the store, when it is retired and this was its last instance
        }
    }
}
