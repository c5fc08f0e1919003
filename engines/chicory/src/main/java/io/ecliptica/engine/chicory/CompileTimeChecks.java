package io.ecliptica.engine.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import io.ecliptica.engine.ModuleRejectedException;
import java.util.HashSet;
import java.util.Set;

/**
 * Validation rules Chicory 1.7.5's {@code Validator} leaves out, checked at compile time so an
 * invalid module is rejected by {@code compile()} rather than failing at instantiation (or not at
 * all). Found by running the spec testsuite's {@code assert_invalid} modules through both engines:
 *
 * <ul>
 *   <li>exports: Chicory checks duplicate names and the index of table, memory and global exports
 *       only when it builds an instance, and does not check function export indices at all;</li>
 *   <li>the interpreter accepts a function import whose type index does not exist (the compiler
 *       notices it while translating).</li>
 * </ul>
 *
 * <p>Deliberately not here: rules on which Chicory follows a later WebAssembly version than 2.0
 * (several memories, a memory index instead of the reserved zero byte, {@code global.get} of a
 * module-defined global in a constant expression). Those are feature choices, not gaps.
 */
final class CompileTimeChecks {

    private CompileTimeChecks() {
    }

    static void check(WasmModule module) {
        ImportSection imports = module.importSection();
        int typeCount = module.typeSection().typeCount();
        int importedFunctions = 0, importedTables = 0, importedMemories = 0, importedGlobals = 0, importedTags = 0;
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            switch (imp.importType()) {
                case FUNCTION -> {
                    importedFunctions++;
                    int typeIndex = ((FunctionImport) imp).typeIndex();
                    if (typeIndex < 0 || typeIndex >= typeCount) {
                        throw reject("unknown type " + Integer.toUnsignedString(typeIndex)
                                + " (import " + imp.module() + "." + imp.name() + ")");
                    }
                }
                case TABLE -> importedTables++;
                case MEMORY -> importedMemories++;
                case GLOBAL -> importedGlobals++;
                case TAG -> importedTags++;
            }
        }
        int functions = importedFunctions + module.functionSection().functionCount();
        int tables = importedTables + module.tableSection().tableCount();
        int memories = importedMemories + module.memorySection().map(s -> s.memoryCount()).orElse(0);
        int globals = importedGlobals + module.globalSection().globalCount();
        int tags = importedTags + module.tagSection().map(s -> s.tagCount()).orElse(0);

        ExportSection exports = module.exportSection();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (!names.add(e.name())) {
                throw reject("duplicate export name " + e.name());
            }
            int limit = switch (e.exportType()) {
                case FUNCTION -> functions;
                case TABLE -> tables;
                case MEMORY -> memories;
                case GLOBAL -> globals;
                case TAG -> tags;
            };
            if (e.index() < 0 || e.index() >= limit) {
                throw reject("unknown " + kind(e.exportType()) + " " + Integer.toUnsignedString(e.index())
                        + " (export " + e.name() + ")");
            }
        }
    }

    static String kind(ExternalType type) {
        return switch (type) {
            case FUNCTION -> "function";
            case TABLE -> "table";
            case MEMORY -> "memory";
            case GLOBAL -> "global";
            case TAG -> "tag";
        };
    }

    private static ModuleRejectedException reject(String message) {
        return new ModuleRejectedException(message, null);
    }
}
