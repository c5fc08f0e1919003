package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled wasmtime module. Its instances live in {@link SharedStore}s created for this module
 * (each instance with its own memory, globals and tables).
 *
 * <p>If the module has a start function, the module wasmtime compiled is a rewritten copy in which
 * the start function is a hidden export ({@link StartRewriter}); {@link #instantiate} calls it
 * right after {@code new Instance}, so its traps keep their trap code.
 */
final class WasmtimeModule implements CompiledModule {

    static final Cleaner CLEANER = Cleaner.create();

    private final WasmtimeEngine engine;
    private final Module module;
    private final ModuleInfo info;
    private final List<FunctionType> importTypes;
    private final String startExport;
    private final Handles handles;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    WasmtimeModule(WasmtimeEngine engine, Module module, ModuleInfo info, String startExport) {
        this.engine = engine;
        this.module = module;
        this.info = info;
        this.importTypes = info.imports().stream().map(ModuleInfo.Import::type).toList();
        this.startExport = startExport;
        this.handles = new Handles(module);
        // Safety net for a module the caller never closes; close() runs the same action once.
        this.cleanable = CLEANER.register(this, handles);
    }

    @Override
    public ModuleInstance instantiate(List<HostImport> imports) {
        SharedStore shared;
        List<HostImport> hosts;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("module is closed");
            }
            engine.requireOpen();
            hosts = resolve(imports == null ? List.of() : imports);
            engine.stackGuard().check(); // the start function runs on this thread
            shared = reserveStore();
        }
        Instance instance;
        try {
            shared.store().setEpochDeadline(1);
            instance = new Instance(shared.store(), module, shared.externs());
        } catch (WasmtimeException e) {
            shared.release(0);
            throw Traps.translateInstantiation(e);
        } catch (RuntimeException | Error e) {
            shared.release(0);
            throw e;
        }
        Memory memory = info.exportsMemory() ? instance.getMemory(shared.store(), "memory").orElse(null) : null;
        HostBridge bridge = new HostBridge(hosts, new InstanceMemory(shared.store(), memory));
        WasmtimeInstance result = new WasmtimeInstance(engine, info, shared, instance, bridge);
        if (startExport != null) {
            try {
                result.runStart(startExport);
            } catch (RuntimeException | Error e) {
                result.close();
                throw e;
            }
        }
        return result;
    }

    private SharedStore reserveStore() {
        SharedStore store = handles.store;
        if (store == null || !store.reserve()) {
            store = new SharedStore(engine.engine(), importTypes);
            store.reserve();
            handles.store = store;
        }
        return store;
    }

    /**
     * The host function for each import, in import order. Only functions can be provided; a
     * missing one or one of another type is an unknown import. Among several offers of the same
     * name the first one counts.
     */
    private List<HostImport> resolve(List<HostImport> offered) {
        List<HostImport> resolved = new ArrayList<>(info.imports().size());
        for (ModuleInfo.Import wanted : info.imports()) {
            String where = wanted.module() + "." + wanted.name();
            if (wanted.kind() != ModuleInfo.KIND_FUNC) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT,
                        "unknown import " + where + ": the module imports a " + wanted.kindName() + ", only functions are provided", null);
            }
            HostImport match = null;
            for (HostImport offer : offered) {
                if (offer.module().equals(wanted.module()) && offer.name().equals(wanted.name())) {
                    match = offer;
                    break;
                }
            }
            if (match == null) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT, "unknown import " + where + " " + wanted.type(), null);
            }
            if (!match.type().equals(wanted.type())) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT, "import " + where + " has type " + wanted.type()
                        + " but the host provides " + match.type(), null);
            }
            resolved.add(match);
        }
        return resolved;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /** The module's native handle and its current store; no reference to the module object. */
    private static final class Handles implements Runnable {
        final Module module;
        volatile SharedStore store;

        Handles(Module module) {
            this.module = module;
        }

        @Override
        public void run() {
            SharedStore current = store;
            if (current != null) {
                current.retire(); // disposed once its open instances are closed
                store = null;
            }
            module.dispose(); // instances keep the compiled code alive on their own
        }
    }
}
