package io.ecliptica.instrument;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Chicory (interpreter) instance of a module, with the instrumentation's host contract bound:
 * {@code __ecliptica.out_of_gas} throws {@link OutOfGas}, {@code __ecliptica.stack_exhausted}
 * throws {@link StackExhausted}. Other imports come from {@code hosts} (by "module.name") or, for
 * module {@code spectest}, from the spec testsuite's standard host module.
 */
final class Run {

    static final class OutOfGas extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfGas() {
            super("out of gas");
        }
    }

    static final class StackExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StackExhausted() {
            super("stack exhausted");
        }
    }

    /** A host function body. */
    interface Host {
        long[] apply(Instance instance, long... args);
    }

    /** Practically unlimited gas: the largest i64 (the remaining gas is a non-negative i64, docs/gas.md §2). */
    static final long UNLIMITED = Long.MAX_VALUE;

    final Instance instance;
    final WasmModule module;

    private Run(Instance instance, WasmModule module) {
        this.instance = instance;
        this.module = module;
    }

    /** Parses with validation (Chicory's validator). */
    static WasmModule parse(byte[] wasm) {
        return Parser.builder().withValidation(true).build().parse(() -> new java.io.ByteArrayInputStream(wasm));
    }

    static Run of(byte[] wasm) {
        return of(wasm, Map.of());
    }

    /**
     * Instantiates (running a start section if there is one) and, for an instrumented module, sets
     * unlimited gas and calls {@code __ecliptica_start} if exported.
     */
    static Run of(byte[] wasm, Map<String, Host> hosts) {
        return of(wasm, hosts, UNLIMITED);
    }

    static Run of(byte[] wasm, Map<String, Host> hosts, long gas) {
        return of(wasm, hosts, gas, null);
    }

    /** The same, with Chicory's execution listener (called before every instruction the interpreter runs). */
    static Run of(byte[] wasm, Map<String, Host> hosts, long gas, com.dylibso.chicory.runtime.ExecutionListener listener) {
        WasmModule module = parse(wasm);
        ImportValues.Builder b = ImportValues.builder();
        List<ImportFunction> funcs = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String key = imp.module() + "." + imp.name();
            if (imp instanceof FunctionImport fi) {
                FunctionType t = module.typeSection().getType(fi.typeIndex());
                Host h = hosts.get(key);
                if (h == null && imp.module().equals(Instrumenter.HOST_MODULE)) {
                    h = imp.name().equals(Instrumenter.OUT_OF_GAS)
                            ? (inst, args) -> {
                                throw new OutOfGas();
                            }
                            : (inst, args) -> {
                                throw new StackExhausted();
                            };
                }
                if (h == null && imp.module().equals("spectest")) {
                    h = (inst, args) -> null;
                }
                if (h == null) {
                    throw new IllegalArgumentException("no host function for " + key);
                }
                Host host = h;
                funcs.add(new HostFunction(imp.module(), imp.name(), t, host::apply));
            } else if (imp instanceof GlobalImport gi && imp.module().equals("spectest")) {
                long v = switch (imp.name()) {
                    case "global_i32" -> 666;
                    case "global_i64" -> 666;
                    case "global_f32" -> Float.floatToRawIntBits(666.6f);
                    case "global_f64" -> Double.doubleToRawLongBits(666.6);
                    default -> throw new IllegalArgumentException("no spectest global " + imp.name());
                };
                ValType vt = gi.type();
                b.addGlobal(new ImportGlobal(imp.module(), imp.name(),
                        new GlobalInstance(v, 0, vt, com.dylibso.chicory.wasm.types.MutabilityType.Const)));
            } else if (imp instanceof MemoryImport && imp.module().equals("spectest")) {
                b.addMemory(new ImportMemory(imp.module(), imp.name(), new com.dylibso.chicory.runtime.ByteArrayMemory(
                        new com.dylibso.chicory.wasm.types.MemoryLimits(1, 2))));
            } else if (imp instanceof TableImport && imp.module().equals("spectest")) {
                b.addTable(new ImportTable(imp.module(), imp.name(), new com.dylibso.chicory.runtime.TableInstance(
                        new com.dylibso.chicory.wasm.types.Table(ValType.FuncRef,
                                new com.dylibso.chicory.wasm.types.TableLimits(10, 20)), -1)));
            } else {
                throw new IllegalArgumentException("no import for " + key);
            }
        }
        b.withFunctions(funcs);
        Instance.Builder ib = Instance.builder(module).withImportValues(b.build());
        if (listener != null) {
            ib = ib.withUnsafeExecutionListener(listener);
        }
        Instance inst = ib.build();
        Run r = new Run(inst, module);
        if (r.hasGas()) {
            r.setGas(gas);
            if (r.hasExport(Instrumenter.START_EXPORT)) {
                r.call(Instrumenter.START_EXPORT);
            }
        }
        return r;
    }

    boolean hasExport(String name) {
        var es = module.exportSection();
        for (int i = 0; i < es.exportCount(); i++) {
            if (es.getExport(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    boolean hasGas() {
        return hasExport(Instrumenter.GAS_GLOBAL);
    }

    GlobalInstance gasGlobal() {
        return instance.exports().global(Instrumenter.GAS_GLOBAL);
    }

    void setGas(long gas) {
        gasGlobal().setValue(gas);
    }

    long gas() {
        return gasGlobal().getValue();
    }

    /** Sets the stack height back to 0 (after a trap, before calling into the same instance again). */
    void resetStack() {
        if (hasExport(Instrumenter.STACK_GLOBAL)) {
            instance.exports().global(Instrumenter.STACK_GLOBAL).setValue(0);
        }
    }

    long stackHeight() {
        return instance.exports().global(Instrumenter.STACK_GLOBAL).getValue();
    }

    long[] call(String export, long... args) {
        ExportFunction f = instance.export(export);
        return f.apply(args);
    }

    /** Gas used by running {@code export} from a full tank of {@code limit}. */
    long gasUsedBy(long limit, String export, long... args) {
        setGas(limit);
        call(export, args);
        return limit - gas();
    }
}
