package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Code;
import io.ecliptica.instrument.WasmModule.Elem;
import io.ecliptica.instrument.WasmModule.ElemItem;
import io.ecliptica.instrument.WasmModule.Export;
import io.ecliptica.instrument.WasmModule.FuncType;
import io.ecliptica.instrument.WasmModule.Import;
import java.util.List;
import java.util.Locale;

/**
 * The profile-specific feature gate and limits, applied to a decoded and validated module
 * (docs/gas.md §Feature gate and limits). The checks run in the documented order, so the first
 * violation reported is the same on every run.
 */
final class Gate {

    /** Prefix of the names this instrumenter adds; modules may not export names with it. */
    static final String RESERVED_PREFIX = "__ecliptica";

    private Gate() {}

    private static ModuleRejectedException reject(String feature, long at, String detail) {
        return new ModuleRejectedException(feature, at, detail);
    }

    static String signature(FuncType t) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < t.params().size(); i++) {
            s.append(i == 0 ? "" : " ").append(t.params().get(i).text);
        }
        s.append(") -> (");
        for (int i = 0; i < t.results().size(); i++) {
            s.append(i == 0 ? "" : " ").append(t.results().get(i).text);
        }
        return s.append(')').toString();
    }

    static boolean isWasi(String module) {
        String m = module.toLowerCase(Locale.ROOT);
        return m.startsWith("wasi_") || m.startsWith("wasi:") || m.equals("wasi");
    }

    static void check(WasmModule m, Profile p) {
        Limits lim = p.limits();
        // 1. imports
        if (m.imports.size() > lim.maxImports()) {
            throw reject(Features.LIMIT_IMPORTS, m.imports.get((int) lim.maxImports()).offset(),
                    m.imports.size() + " imports, at most " + lim.maxImports());
        }
        for (Import i : m.imports) {
            if (isWasi(i.module())) {
                throw reject(Features.WASI, i.offset(), "WASI import " + i.module() + "." + i.name());
            }
            if (!p.abiImportsOnly()) {
                continue;
            }
            if (i.desc().kind() != WasmModule.K_FUNC) {
                String kind = switch (i.desc().kind()) {
                    case WasmModule.K_TABLE -> "table";
                    case WasmModule.K_MEMORY -> "memory";
                    default -> "global";
                };
                throw reject(Features.IMPORT, i.offset(), "imported " + kind + " " + i.module() + "." + i.name()
                        + " (only host functions may be imported)");
            }
            HostCost h = p.costs().host(i.module(), i.name());
            if (h == null) {
                throw reject(Features.IMPORT, i.offset(), "unknown host function " + i.module() + "." + i.name());
            }
            if (h.reserved()) {
                throw reject(Features.IMPORT, i.offset(), "host function " + i.module() + "." + i.name()
                        + " is reserved, not yet callable");
            }
            String sig = signature(m.types.get(i.desc().typeIndex()));
            if (!sig.equals(h.signature())) {
                throw reject(Features.IMPORT, i.offset(), i.module() + "." + i.name() + " imported as " + sig
                        + ", the host function is " + h.signature());
            }
        }
        // 2. memory
        if (lim.memoryRequired() && m.memories.isEmpty() && m.importedCount(WasmModule.K_MEMORY) == 0) {
            throw reject(Features.MEMORY_REQUIRED, 8, "the module has no memory; the profile requires exactly one");
        }
        for (WasmModule.Memory mem : m.memories) {
            if (mem.limits().min() > lim.maxMemoryPages()) {
                throw reject(Features.LIMIT_MEMORY_PAGES, mem.offset(), "initial memory " + mem.limits().min()
                        + " pages, at most " + lim.maxMemoryPages());
            }
        }
        for (Import i : m.imports) {
            if (i.desc().kind() == WasmModule.K_MEMORY && i.desc().limits().min() > lim.maxMemoryPages()) {
                throw reject(Features.LIMIT_MEMORY_PAGES, i.offset(), "initial memory " + i.desc().limits().min()
                        + " pages, at most " + lim.maxMemoryPages());
            }
        }
        // 3. table
        for (WasmModule.Table t : m.tables) {
            if (t.limits().min() > lim.maxTableElements()) {
                throw reject(Features.LIMIT_TABLE_SIZE, t.offset(), "table of " + t.limits().min()
                        + " elements, at most " + lim.maxTableElements());
            }
        }
        // 4. functions and their types
        if (m.functions.size() > lim.maxFunctions()) {
            throw reject(Features.LIMIT_FUNCTIONS, m.codes.get((int) lim.maxFunctions()).offset(),
                    m.functions.size() + " functions, at most " + lim.maxFunctions());
        }
        for (Import i : m.imports) {
            if (i.desc().kind() == WasmModule.K_FUNC) {
                checkArity(m.types.get(i.desc().typeIndex()), lim, i.offset());
            }
        }
        long totalParams = 0;
        for (int f = 0; f < m.functions.size(); f++) {
            FuncType t = m.types.get(m.functions.get(f));
            Code c = m.codes.get(f);
            checkArity(t, lim, c.offset());
            totalParams += t.params().size();
            if (totalParams > lim.maxTotalParams()) {
                throw reject(Features.LIMIT_TOTAL_PARAMS, c.offset(), "more than " + lim.maxTotalParams()
                        + " parameters in all functions together");
            }
            long locals = t.params().size() + c.localCount();
            if (locals > lim.maxLocals()) {
                throw reject(Features.LIMIT_LOCALS, c.offset(), "function " + (m.importedCount(WasmModule.K_FUNC) + f)
                        + " has " + locals + " locals (parameters included), at most " + lim.maxLocals());
            }
        }
        // 5. globals
        int globals = m.importedCount(WasmModule.K_GLOBAL) + m.globals.size();
        if (globals > lim.maxGlobals()) {
            long at = m.globals.size() > lim.maxGlobals() ? m.globals.get((int) lim.maxGlobals()).offset()
                    : m.globals.isEmpty() ? 8 : m.globals.get(0).offset();
            throw reject(Features.LIMIT_GLOBALS, at, globals + " globals, at most " + lim.maxGlobals());
        }
        // 6. exports
        if (m.exports.size() > lim.maxExports()) {
            throw reject(Features.LIMIT_EXPORTS, m.exports.get((int) lim.maxExports()).offset(),
                    m.exports.size() + " exports, at most " + lim.maxExports());
        }
        for (Export e : m.exports) {
            if (e.name().startsWith(RESERVED_PREFIX)) {
                throw reject(Features.RESERVED_EXPORT, e.offset(), "export name \"" + e.name()
                        + "\" uses the reserved prefix " + RESERVED_PREFIX);
            }
        }
        // 7. host functions in tables
        int importedFuncs = m.importedCount(WasmModule.K_FUNC);
        for (Elem e : m.elems) {
            for (ElemItem item : e.init()) {
                if (!item.isNull() && item.func() < importedFuncs
                        && Transformer.hostCost(m, p.costs(), item.func()) != null) {
                    Import i = m.functionImport(item.func());
                    throw reject(Features.HOST_FUNCTION_IN_TABLE, e.byteOffset(), "element segment references host function "
                            + i.module() + "." + i.name() + " (calls through a table would skip its per-byte cost)");
                }
            }
        }
        // 8. instructions
        for (Code c : m.codes) {
            checkBody(c.body(), p);
        }
    }

    private static void checkArity(FuncType t, Limits lim, long at) {
        if (t.params().size() > lim.maxParams()) {
            throw reject(Features.LIMIT_PARAMS, at, "function with " + t.params().size() + " parameters, at most "
                    + lim.maxParams());
        }
        if (t.results().size() > lim.maxResults()) {
            throw reject(Features.LIMIT_RESULTS, at, "function with " + t.results().size() + " results, at most "
                    + lim.maxResults());
        }
    }

    private static void checkBody(List<Instr> body, Profile p) {
        if (p.allowFloats() && p.allowBulkMemory()) {
            return;
        }
        for (Instr i : body) {
            Op op = i.op();
            if (!p.allowBulkMemory() && isBulk(op)) {
                throw reject(Features.BULK_MEMORY, i.offset(), op.mnemonic);
            }
            if (!p.allowFloats() && isFloat(op)) {
                throw reject(Features.FLOATS, i.offset(), op.mnemonic);
            }
        }
    }

    static boolean isBulk(Op op) {
        return switch (op) {
            case MEMORY_INIT, DATA_DROP, MEMORY_COPY, MEMORY_FILL, TABLE_INIT, ELEM_DROP, TABLE_COPY -> true;
            default -> false;
        };
    }

    /** The float instructions of CosmWasm's gatekeeper (constants, loads, stores and every float operator). */
    static boolean isFloat(Op op) {
        if (op.sig != null && (op.sig.indexOf('f') >= 0 || op.sig.indexOf('F') >= 0)) {
            return true;
        }
        return false;
    }
}
