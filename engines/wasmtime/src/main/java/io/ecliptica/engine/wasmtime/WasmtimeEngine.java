package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.WasmEngine;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.OptLevel;
import io.github.kawamuray.wasmtime.Strategy;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.util.Objects;

/**
 * Wasmtime 7 (cranelift, compiled to native code) through wasmtime-java's JNI binding.
 *
 * <p><b>Thread requirement.</b> Wasm runs on the calling thread's native stack and may use up to
 * {@link WasmtimeSettings#maxWasmStack()} of it; calls and instantiations need
 * {@code maxWasmStack + 1 MiB} of free stack (3 MiB by default). The adapter checks this where
 * Linux lets it ({@link StackGuard}) and refuses with an {@code EngineFailureException} rather than
 * let wasm run past the end of the stack, which kills the JVM. Use a worker thread created with an
 * explicit large stack, as the harness does.
 *
 * <p><b>Interruption.</b> Epoch-based: every store gets a deadline one epoch ahead of the engine's
 * current epoch, and {@code ModuleInstance.interrupt()} advances the engine's epoch. The epoch is
 * engine-wide, so an interrupt also stops any other call running on the same engine at that
 * moment; with one worker thread per engine that is only an instance called from a host function
 * of another instance.
 */
public final class WasmtimeEngine implements WasmEngine {

    private final WasmtimeSettings settings;
    private final Engine engine;
    private final StackGuard stackGuard;
    private final EngineDescriptor descriptor;
    private volatile boolean closed;

    public WasmtimeEngine(WasmtimeSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        NativeLibrary.load();
        // Engine takes ownership of the native Config: it must not be disposed afterwards.
        Config config = new Config()
                .strategy(Strategy.CRANELIFT)
                .craneliftOptLevel(OptLevel.SPEED)
                .wasmSimd(false)
                .wasmThreads(false)
                .wasmReferenceTypes(false) // also rules out multiple tables
                .wasmBulkMemory(true)
                .wasmMultiValue(true)
                .craneliftNanCanonicalization(settings.nanCanonicalization())
                .epochInterruption(true)
                .maxWasmStack(settings.maxWasmStack());
        // Multi-memory has no switch in the binding; it is off by default in wasmtime 7.
        this.engine = new Engine(config);
        this.stackGuard = new StackGuard(settings.maxWasmStack());
        this.descriptor = new EngineDescriptor(settings.id(), "wasmtime-java",
                NativeLibrary.bindingVersion() + " (wasmtime " + NativeLibrary.wasmtimeVersion() + ")", settings.mode());
    }

    @Override
    public EngineDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompiledModule compile(byte[] wasm) {
        Objects.requireNonNull(wasm, "wasm");
        requireOpen();
        // fromBinary, not new Module(engine, bytes): the latter also accepts the text format.
        Module module = compileOrReject(wasm);
        ModuleInfo info;
        try {
            info = ModuleInfo.parse(wasm);
        } catch (RuntimeException e) {
            module.dispose();
            throw new EngineFailureException("the adapter could not read a module wasmtime accepted: " + e.getMessage(), e);
        }
        if (info.startFunction() < 0) {
            return new WasmtimeModule(this, module, info, null);
        }
        String startExport = hiddenName(info);
        module.dispose();
        return new WasmtimeModule(this, compileOrReject(StartRewriter.rewrite(wasm, info.startFunction(), startExport)),
                info, startExport);
    }

    private Module compileOrReject(byte[] wasm) {
        try {
            return Module.fromBinary(engine, wasm);
        } catch (WasmtimeException e) {
            throw new ModuleRejectedException(Traps.firstLine(e.getMessage()), e);
        }
    }

    /** An export name the module does not use, for its start function. */
    private static String hiddenName(ModuleInfo info) {
        String name = "\u0000ecliptica-start";
        for (int i = 2; info.exportNames().contains(name); i++) {
            name = "\u0000ecliptica-start-" + i;
        }
        return name;
    }

    Engine engine() {
        return engine;
    }

    StackGuard stackGuard() {
        return stackGuard;
    }

    /** Advances the engine's epoch: every running call of this engine traps at its next check. */
    synchronized void interruptAll() {
        if (!closed) {
            engine.incrementEpoch();
        }
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("engine " + settings.id() + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            // Modules and stores hold their own reference to the native engine, so they stay usable.
            engine.dispose();
        }
    }
}
