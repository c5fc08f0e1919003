package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.ValType;
import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed, validated module plus its machine factory (Chicory's interpreter, or the bytecode the
 * compiler produced once for this module). Immutable; instantiate as often as needed.
 */
final class ChicoryModule implements CompiledModule {

    /** Name of the memory export host functions read and write (ABI §1). */
    static final String MEMORY_EXPORT = "memory";

    /** A function export: its Chicory signature, and ours if it uses only i32/i64/f32/f64. */
    record ExportedFunction(String name, com.dylibso.chicory.wasm.types.FunctionType chicoryType, FunctionType type) {
        boolean expressible() {
            return type != null;
        }
    }

    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final List<Import> imports;
    private final Map<String, ExportedFunction> functionExports;
    /** Index of the memory exported as {@value #MEMORY_EXPORT}, or -1. */
    private final int memoryExportIndex;

    ChicoryModule(WasmModule module, Function<Instance, Machine> machineFactory) {
        this.module = module;
        this.machineFactory = machineFactory;
        ImportSection importSection = module.importSection();
        List<Import> imps = new ArrayList<>(importSection.importCount());
        for (int i = 0; i < importSection.importCount(); i++) {
            imps.add(importSection.getImport(i));
        }
        this.imports = List.copyOf(imps);

        Map<String, ExportedFunction> fns = new LinkedHashMap<>();
        int memIndex = -1;
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                var t = functionType(e.index());
                fns.put(e.name(), new ExportedFunction(e.name(), t, toApiType(t)));
            } else if (e.exportType() == ExternalType.MEMORY && MEMORY_EXPORT.equals(e.name())) {
                memIndex = e.index();
            }
        }
        this.functionExports = Collections.unmodifiableMap(fns);
        this.memoryExportIndex = memIndex;
    }

    @Override
    public ModuleInstance instantiate(List<HostImport> hostImports) {
        HostCallState state = new HostCallState(memoryExportIndex);
        ImportValues importValues = bindImports(hostImports == null ? List.of() : hostImports, state);
        Instance instance;
        try {
            instance = Instance.builder(module)
                    .withImportValues(importValues)
                    .withMachineFactory(machineFactory)
                    .withUnsafeExecutionListener(INTERRUPT_CHECK)
                    .withInitialize(true)
                    .withStart(true)
                    .build();
        } catch (Throwable t) {
            // Active segments out of bounds, a trap or host exception in the start function, or an
            // interrupt of the instantiating thread (ModuleInstance.interrupt() cannot reach a start
            // function, the harness can only interrupt the thread itself).
            if (t instanceof com.dylibso.chicory.runtime.ChicoryInterruptedException) {
                Thread.interrupted(); // consumed: it is this instantiation's outcome
            }
            throw ChicoryErrors.translate(t, state.hostFailure());
        }
        return new ChicoryInstance(this, instance, state);
    }

    /** The function export called {@code name}, or {@code null}. */
    ExportedFunction functionExport(String name) {
        return functionExports.get(name);
    }

    /**
     * Chicory's interpreter checks {@link Thread#isInterrupted()} only on {@code br},
     * {@code call} and {@code call_indirect}; a loop whose back-edge is a {@code br_if} or
     * {@code br_table} (the usual shape of compiled loops) would never see an interrupt. This
     * listener runs before every interpreted instruction and closes that gap. The compiler's
     * bytecode never calls it (it checks on every backward jump itself), except in functions
     * that fell back to the interpreter, which need it just the same.
     */
    private static final ExecutionListener INTERRUPT_CHECK = (instruction, stack) -> {
        if (Thread.currentThread().isInterrupted()) {
            throw new com.dylibso.chicory.runtime.ChicoryInterruptedException("Thread interrupted");
        }
    };

    /**
     * Binds every import of the module to a host import of the same module and name and exactly
     * the same type. Anything else (a missing function, another type, a memory, table, global or
     * tag import) is a link error; host imports the module does not use are ignored.
     */
    private ImportValues bindImports(List<HostImport> hostImports, HostCallState state) {
        if (imports.isEmpty()) {
            return ImportValues.empty();
        }
        Map<String, HostImport> offered = new HashMap<>();
        for (HostImport h : hostImports) {
            offered.putIfAbsent(key(h.module(), h.name()), h);
        }
        ImportValues.Builder builder = ImportValues.builder();
        for (Import imp : imports) {
            String where = imp.module() + "." + imp.name();
            if (!(imp instanceof FunctionImport fi)) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT,
                        "unknown import " + where + ": the host provides no " + CompileTimeChecks.kind(imp.importType()) + " imports", null);
            }
            HostImport host = offered.get(key(imp.module(), imp.name()));
            if (host == null) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT, "unknown import " + where, null);
            }
            var wanted = module.typeSection().getType(fi.typeIndex());
            FunctionType wantedApi = toApiType(wanted);
            if (!host.type().equals(wantedApi)) {
                throw new LinkException(LinkException.Reason.UNKNOWN_IMPORT,
                        "incompatible import type for " + where + ": module wants " + describe(wanted)
                                + ", host provides " + host.type(), null);
            }
            builder.addFunction(new HostFunction(imp.module(), imp.name(), wanted, state.bridge(host)));
        }
        return builder.build();
    }

    private com.dylibso.chicory.wasm.types.FunctionType functionType(int functionIndex) {
        int imported = 0;
        for (Import imp : imports) {
            if (imp instanceof FunctionImport fi) {
                if (imported == functionIndex) {
                    return module.typeSection().getType(fi.typeIndex());
                }
                imported++;
            }
        }
        int typeIndex = module.functionSection().getFunctionType(functionIndex - imported);
        return module.typeSection().getType(typeIndex);
    }

    /** Our type for a Chicory signature, or {@code null} if it uses a type beyond i32/i64/f32/f64. */
    static FunctionType toApiType(com.dylibso.chicory.wasm.types.FunctionType t) {
        List<ValueType> params = toApiTypes(t.params());
        List<ValueType> results = toApiTypes(t.returns());
        return params == null || results == null ? null : FunctionType.of(params, results);
    }

    private static List<ValueType> toApiTypes(List<ValType> types) {
        List<ValueType> out = new ArrayList<>(types.size());
        for (ValType v : types) {
            ValueType api = toApiType(v);
            if (api == null) {
                return null;
            }
            out.add(api);
        }
        return out;
    }

    static ValueType toApiType(ValType v) {
        if (ValType.I32.equals(v)) return ValueType.I32;
        if (ValType.I64.equals(v)) return ValueType.I64;
        if (ValType.F32.equals(v)) return ValueType.F32;
        if (ValType.F64.equals(v)) return ValueType.F64;
        return null;
    }

    static String describe(com.dylibso.chicory.wasm.types.FunctionType t) {
        FunctionType api = toApiType(t);
        return api != null ? api.toString() : t.toString();
    }

    private static String key(String module, String name) {
        return module + '\u0000' + name;
    }
}
