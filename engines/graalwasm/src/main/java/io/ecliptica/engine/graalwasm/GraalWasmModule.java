package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A parsed and validated module: one polyglot {@link Context} holding GraalWasm's module object,
 * from which {@code newInstance(imports)} makes fresh instances.
 *
 * <p>Why one context per module and not per instance: instantiating in a live context costs tens of
 * microseconds (a fresh context per instance: about 0.3 ms more), and instances no longer referenced
 * are reclaimed by GraalWasm (memory stayed flat over 20,000 instances). The price is that
 * {@link Context#interrupt} stops whatever runs in the context, so interrupts go through
 * {@link #interrupt(CallToken)}, which only fires while the asking instance's call is the one running.
 */
final class GraalWasmModule implements CompiledModule {
    /** How long {@code interrupt()} keeps trying before leaving the rest to the host-boundary check. */
    private static final long INTERRUPT_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Context context;
    private final Value module;
    private final ModuleSignatures signatures;
    private final Consumer<GraalWasmModule> onClose;
    private final Object gate = new Object();
    private CallToken running; // guarded by gate
    private volatile boolean closed;

    GraalWasmModule(Context context, Value module, ModuleSignatures signatures, Consumer<GraalWasmModule> onClose) {
        this.context = context;
        this.module = module;
        this.signatures = signatures;
        this.onClose = onClose;
    }

    @Override
    public ModuleInstance instantiate(List<HostImport> imports) {
        ensureOpen();
        InstanceState state = new InstanceState();
        Object importObject = ImportLinker.importObject(signatures, imports, state);
        Value exports;
        try {
            exports = module.newInstance(importObject).getMember("exports");
        } catch (PolyglotException | StackOverflowError e) {
            throw instantiationFailure(e, state.hostFailure());
        }
        Value memory = exports.getMember("memory");
        if (memory != null && memory.hasBufferElements()) {
            state.memory.bind(memory);
        }
        return new GraalWasmInstance(this, signatures, exports, state);
    }

    private static RuntimeException instantiationFailure(Throwable e, RuntimeException hostFailure) {
        RuntimeException mapped = Failures.map(e, hostFailure);
        // The import check runs before GraalWasm links, so its own link errors should not occur;
        // if one does, it is still a link error and not a trap.
        if (mapped instanceof WasmTrapException t && t.kind() == TrapKind.UNKNOWN
                && t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("import")) {
            return new LinkException(LinkException.Reason.UNKNOWN_IMPORT, t.getMessage(), e);
        }
        return mapped;
    }

    /**
     * Makes {@code token}'s call the one running in this context and returns the call it suspends
     * (an instance of this module calling, through a host function, into another instance of it or
     * into itself); {@link #exit} makes that one the running call again.
     */
    CallToken enter(CallToken token) {
        synchronized (gate) {
            CallToken outer = running;
            running = token;
            return outer;
        }
    }

    void exit(CallToken token, CallToken outer) {
        synchronized (gate) {
            if (running == token) {
                running = outer;
            }
        }
    }

    /**
     * Interrupts the context while {@code token}'s call runs in it. Retries because
     * {@link Context#interrupt} is not sticky: fired just before the worker enters the guest, or while
     * it runs host code, it does not end the call. The gate is held around each attempt so an
     * attempt can never land in the next call, which may belong to another instance of this module.
     */
    void interrupt(CallToken token) {
        long deadline = System.nanoTime() + INTERRUPT_PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            synchronized (gate) {
                if (running != token || closed) {
                    return;
                }
                try {
                    context.interrupt(Duration.ofMillis(50));
                } catch (TimeoutException e) {
                    // The thread is in host code or has not entered yet: try again.
                } catch (IllegalStateException | PolyglotException e) {
                    return; // context closed meanwhile
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new EngineFailureException("the compiled module was closed", null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            context.close();
        } catch (IllegalStateException | PolyglotException e) {
            context.close(true); // a call is still running: cancel it
        }
        onClose.accept(this);
    }
}
