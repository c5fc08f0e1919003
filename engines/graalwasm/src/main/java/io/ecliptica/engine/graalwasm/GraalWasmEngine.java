package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.WasmEngine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * GraalWasm behind the engine-neutral API. One polyglot {@link Engine} is shared by every module so
 * parsed code (and, with the optimizing runtime, compiled code) is cached across contexts.
 */
public final class GraalWasmEngine implements WasmEngine {
    static final String ID = "graalwasm";

    private final Engine engine;
    private final EngineDescriptor descriptor;
    private final Set<GraalWasmModule> open = new LinkedHashSet<>();

    private GraalWasmEngine(Engine engine) {
        this.engine = engine;
        this.descriptor = new EngineDescriptor(ID, "GraalWasm", LibraryVersion.get(), RuntimeMode.of(engine));
    }

    /** Starts GraalWasm; throws what the polyglot API throws if it cannot (the provider translates). */
    public static GraalWasmEngine start() {
        Engine engine = Engine.newBuilder("wasm")
                // The fallback interpreter is a supported mode here (reported in the descriptor), so
                // its stderr warning is noise. Set on the builder so no system property is needed.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        return new GraalWasmEngine(engine);
    }

    @Override
    public EngineDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompiledModule compile(byte[] wasm) {
        Source source = Source.newBuilder("wasm", ByteSequence.create(wasm.clone()), "module").buildLiteral();
        Context context = Context.newBuilder("wasm").engine(engine).build();
        try {
            Value module = context.eval(source); // parses and validates; instances come later
            ModuleSignatures signatures = readSignatures(wasm);
            GraalWasmModule compiled = new GraalWasmModule(context, module, signatures, this::forget);
            synchronized (open) {
                open.add(compiled);
            }
            return compiled;
        } catch (PolyglotException e) {
            context.close();
            // Bad bytes are a rejection whatever GraalWasm calls them (syntax error, or an internal
            // error while parsing): the harness must see ModuleRejectedException and nothing else.
            throw new ModuleRejectedException(firstLine(e.getMessage()), e);
        } catch (RuntimeException | StackOverflowError e) {
            context.close();
            throw e instanceof EngineFailureException f ? f : new ModuleRejectedException(firstLine(String.valueOf(e)), e);
        }
    }

    private static ModuleSignatures readSignatures(byte[] wasm) {
        try {
            return ModuleSignatures.read(wasm);
        } catch (RuntimeException e) {
            throw new EngineFailureException("GraalWasm accepted a module the adapter cannot read: " + e.getMessage(), e);
        }
    }

    private void forget(GraalWasmModule module) {
        synchronized (open) {
            open.remove(module);
        }
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "module rejected";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        List<GraalWasmModule> modules;
        synchronized (open) {
            modules = new ArrayList<>(open);
        }
        modules.forEach(GraalWasmModule::close);
        try {
            engine.close();
        } catch (IllegalStateException | PolyglotException e) {
            engine.close(true);
        }
    }
}
