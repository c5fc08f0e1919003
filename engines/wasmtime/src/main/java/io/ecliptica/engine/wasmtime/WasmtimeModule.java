package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled wasmtime module. Each {@link #instantiate} creates its own store (memory, globals,
 * tables, host functions), so instances share nothing but the compiled code.
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
    private final String startExport;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    WasmtimeModule(WasmtimeEngine engine, Module module, ModuleInfo info, String startExport) {
        this.engine = engine;
        this.module = module;
        this.info = info;
        this.startExport = startExport;
        // Safety net for a module the caller never closes; close() runs the same action once.
        this.cleanable = CLEANER.register(this, module::dispose);
    }

    ModuleInfo info() {
        return info;
    }

    @Override
    public ModuleInstance instantiate(List<HostImport> imports) {
        if (closed) {
            throw new IllegalStateException("module is closed");
        }
        engine.requireOpen();
        List<HostImport> resolved = resolve(imports == null ? List.of() : imports);
        engine.stackGuard().check(); // the start function runs on this thread

        Store<Void> store = new Store<>(null, engine.engine());
        HostBridge bridge = new HostBridge(new InstanceMemory(store, info.exportsMemory()));
        List<Func> hostFuncs = new ArrayList<>(resolved.size());
        Instance instance;
        try {
            store.setEpochDeadline(1);
            List<Extern> externs = new ArrayList<>(resolved.size());
            for (HostImport host : resolved) {
                Func f = new Func(store, funcType(host.type()), bridge.handler(host));
                hostFuncs.add(f);
                externs.add(Extern.fromFunc(f));
            }
            instance = new Instance(store, module, externs);
        } catch (WasmtimeException e) {
            store.dispose();
            throw Traps.translateInstantiation(e);
        } catch (RuntimeException | Error e) {
            store.dispose();
            throw e;
        } finally {
            // Only the binding's handle objects: the functions live in the store until it is disposed.
            hostFuncs.forEach(Func::dispose);
        }
        WasmtimeInstance result = new WasmtimeInstance(engine, info, store, instance, bridge);
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

    private static FuncType funcType(FunctionType type) {
        return new FuncType(valTypes(type.params()), valTypes(type.results()));
    }

    private static Val.Type[] valTypes(List<ValueType> types) {
        return types.stream().map(Values::valType).toArray(Val.Type[]::new);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }
}
