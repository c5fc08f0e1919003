package io.ecliptica.harness.fuzz;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.UnlistedEngineProvider;
import io.ecliptica.harness.fuzz.isolate.WorkerMain;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real engine (Chicory's interpreter) with one deliberate bug, for testing the fuzzer: the bug
 * rewrites the module bytes the engine is given, or wraps the host imports it links. Each
 * provider below is one stand-in bug, usable only by name (never listed or run by default).
 */
final class StandInEngine implements WasmEngine {
    private static final String BASE = "chicory-interpreter";

    private final WasmEngine base;
    private final EngineDescriptor descriptor;
    private final UnaryOperator<byte[]> rewrite;
    private final UnaryOperator<List<HostImport>> imports;

    StandInEngine(String id, String bug, UnaryOperator<byte[]> rewrite, UnaryOperator<List<HostImport>> imports)
            throws EngineUnavailableException {
        this.base = EngineRegistry.discover().provider(BASE).orElseThrow().create();
        EngineDescriptor b = base.descriptor();
        this.descriptor = new EngineDescriptor(id, b.library(), b.version(), b.mode() + ", test-only stand-in bug: " + bug);
        this.rewrite = rewrite;
        this.imports = imports;
    }

    @Override
    public EngineDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompiledModule compile(byte[] wasm) {
        CompiledModule m = base.compile(rewrite.apply(wasm));
        return new CompiledModule() {
            @Override
            public io.ecliptica.engine.ModuleInstance instantiate(List<HostImport> hostImports) {
                return m.instantiate(imports.apply(hostImports));
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }

    @Override
    public void close() {
        base.close();
    }

    /** The host imports with {@code name} replaced by {@code replacement(original)}. */
    static List<HostImport> replace(List<HostImport> all, String name,
                                    java.util.function.Function<HostImport, HostImport> replacement) {
        return all.stream().map(i -> i.name().equals(name) ? replacement.apply(i) : i).toList();
    }

    abstract static class Provider implements UnlistedEngineProvider {
        @Override
        public String description() {
            return "test-only stand-in bug over " + BASE;
        }
    }

    /** {@code i32.shl} runs as {@code i32.rotl}: the bits shifted out come back in at the bottom. */
    public static final class ShlProvider extends Provider {
        @Override
        public String id() {
            return "bug-shl";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            return new StandInEngine(id(), "i32.shl rotates", w -> CodeSection.replaceOpcode(w, 0x74, 0x77), i -> i);
        }
    }

    /** {@code i32.rem_s} runs as {@code i32.rem_u}: the sign of a negative operand is ignored. */
    public static final class RemSProvider extends Provider {
        @Override
        public String id() {
            return "bug-rem-s";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            return new StandInEngine(id(), "i32.rem_s is unsigned", w -> CodeSection.replaceOpcode(w, 0x6f, 0x70), i -> i);
        }
    }

    /** The host drops a {@code storage_write} of an empty value (ABI v1: an empty value is a value). */
    public static final class SkipWriteProvider extends Provider {
        @Override
        public String id() {
            return "bug-skip-write";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            return new StandInEngine(id(), "storage_write of an empty value is dropped", w -> w,
                    all -> replace(all, "storage_write", i -> new HostImport(i.module(), i.name(), i.type(),
                            (memory, args) -> (int) args[3] == 0 ? new long[0] : i.function().call(memory, args))));
        }
    }

    /**
     * The whole worker process stops answering (as a native engine stuck in a deadlock or a loop
     * without interruption checks would) when a module calls {@code storage_remove}: it sends
     * itself SIGSTOP, which no in-JVM guard can undo; only the campaign's deadline and kill end it.
     * Refuses to run in any other JVM than a fuzz worker, which it would freeze.
     */
    public static final class HangProvider extends Provider {
        @Override
        public String id() {
            return "bug-hang";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            if (!System.getProperty("sun.java.command", "").startsWith(WorkerMain.class.getName())) {
                throw new EngineUnavailableException("bug-hang stops its own process: only in a fuzz worker process", null);
            }
            return new StandInEngine(id(), "the process stops on storage_remove", w -> w,
                    all -> replace(all, "storage_remove", i -> new HostImport(i.module(), i.name(), i.type(),
                            (memory, args) -> {
                                stopThisProcess();
                                return i.function().call(memory, args);
                            })));
        }

        private static void stopThisProcess() {
            try {
                new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(Long.MAX_VALUE); // not reached while stopped; the campaign kills the process
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("bug-hang could not stop its process", e);
            }
        }
    }

    /** The whole JVM dies (as a native engine's SIGSEGV would) when a module calls {@code storage_remove}. */
    public static final class CrashProvider extends Provider {
        @Override
        public String id() {
            return "bug-crash";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            return new StandInEngine(id(), "the JVM halts on storage_remove", w -> w,
                    all -> replace(all, "storage_remove", i -> new HostImport(i.module(), i.name(), i.type(),
                            (memory, args) -> {
                                Runtime.getRuntime().halt(134);
                                return new long[0];
                            })));
        }
    }
}
