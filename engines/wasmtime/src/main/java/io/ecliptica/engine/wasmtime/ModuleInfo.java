package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the adapter needs to know about a module that wasmtime-java does not tell: the types of the
 * function exports (the binding has no {@code Func.type()} and no export list), the imports in
 * order, the start function, and which table instructions the code uses (to classify wasmtime's
 * {@code TABLE_OUT_OF_BOUNDS} trap). Read from the binary after wasmtime has validated it, so the
 * reader can trust its structure.
 *
 * @param imports every import, in the module's order (the order {@code new Instance} expects)
 * @param functionExports function export name → signature
 * @param exportNames the names of all exports, whatever their kind
 * @param exportsMemory the module exports a memory named {@code memory}
 * @param startFunction index of the start function, or -1
 * @param code which table-touching instructions the function bodies contain
 */
record ModuleInfo(List<Import> imports, Map<String, FunctionType> functionExports, Set<String> exportNames,
                  boolean exportsMemory, int startFunction, CodeFacts code) {

    static final int KIND_FUNC = 0;
    static final int KIND_TABLE = 1;
    static final int KIND_MEMORY = 2;
    static final int KIND_GLOBAL = 3;

    /** An import; {@code type} is set for function imports only. */
    record Import(String module, String name, int kind, FunctionType type) {
        String kindName() {
            return switch (kind) {
                case KIND_FUNC -> "function";
                case KIND_TABLE -> "table";
                case KIND_MEMORY -> "memory";
                default -> "global";
            };
        }
    }

    /**
     * Instructions that can raise wasmtime's single {@code TABLE_OUT_OF_BOUNDS} code, which the spec
     * splits into "undefined element" ({@code call_indirect}) and "out of bounds table access"
     * ({@code table.init}, {@code table.copy}). {@code complete} is false if the scan met an opcode
     * it does not know (then the other two flags may be incomplete).
     */
    record CodeFacts(boolean callIndirect, boolean tableInitOrCopy, boolean complete) {
    }

    static ModuleInfo parse(byte[] wasm) {
        return new Parser(wasm).parse();
    }

    /** One pass over the sections; each section is read only as far as needed, then skipped by size. */
    private static final class Parser {
        private final byte[] wasm;
        private final List<FunctionType> types = new ArrayList<>();
        private final List<Import> imports = new ArrayList<>();
        private final List<FunctionType> functions = new ArrayList<>(); // function index space
        private final Map<String, FunctionType> exports = new HashMap<>();
        private final Set<String> exportNames = new HashSet<>();
        private boolean exportsMemory;
        private int startFunction = -1;
        private boolean callIndirect;
        private boolean tableInitOrCopy;
        private boolean complete = true;

        Parser(byte[] wasm) {
            this.wasm = wasm;
        }

        ModuleInfo parse() {
            WasmReader r = new WasmReader(wasm, 8, wasm.length); // after magic and version
            while (!r.atEnd()) {
                int id = r.u8();
                int size = r.index();
                int end = r.position() + size;
                WasmReader s = new WasmReader(wasm, r.position(), end);
                switch (id) {
                    case 1 -> readTypes(s);
                    case 2 -> readImports(s);
                    case 3 -> readFunctions(s);
                    case 7 -> readExports(s);
                    case 8 -> startFunction = s.index();
                    case 10 -> readCode(s);
                    default -> { } // custom, table, memory, global, element, data, datacount: not needed
                }
                r.seek(end);
            }
            return new ModuleInfo(List.copyOf(imports), Collections.unmodifiableMap(exports), Set.copyOf(exportNames),
                    exportsMemory, startFunction, new CodeFacts(callIndirect, tableInitOrCopy, complete));
        }

        private void readTypes(WasmReader s) {
            int n = s.index();
            for (int i = 0; i < n; i++) {
                int form = s.u8();
                if (form != 0x60) {
                    throw new IllegalStateException("unexpected type form 0x" + Integer.toHexString(form));
                }
                List<ValueType> params = valueTypes(s);
                List<ValueType> results = valueTypes(s);
                types.add(FunctionType.of(params, results));
            }
        }

        private static List<ValueType> valueTypes(WasmReader s) {
            int n = s.index();
            List<ValueType> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(valueType(s.u8()));
            }
            return list;
        }

        /** The engine is configured without SIMD and reference types, so only numbers can appear. */
        private static ValueType valueType(int code) {
            return switch (code) {
                case 0x7F -> ValueType.I32;
                case 0x7E -> ValueType.I64;
                case 0x7D -> ValueType.F32;
                case 0x7C -> ValueType.F64;
                default -> throw new IllegalStateException("value type 0x" + Integer.toHexString(code)
                        + " in a module wasmtime accepted without SIMD and reference types");
            };
        }

        private void readImports(WasmReader s) {
            int n = s.index();
            for (int i = 0; i < n; i++) {
                String module = s.name();
                String name = s.name();
                int kind = s.u8();
                FunctionType type = null;
                switch (kind) {
                    case KIND_FUNC -> {
                        type = types.get(s.index());
                        functions.add(type);
                    }
                    case KIND_TABLE -> {
                        s.u8(); // reftype
                        limits(s);
                    }
                    case KIND_MEMORY -> limits(s);
                    case KIND_GLOBAL -> {
                        s.u8(); // value type
                        s.u8(); // mutability
                    }
                    default -> throw new IllegalStateException("unknown import kind " + kind);
                }
                imports.add(new Import(module, name, kind, type));
            }
        }

        private static void limits(WasmReader s) {
            int flags = s.u8();
            s.u32();
            if ((flags & 1) != 0) {
                s.u32();
            }
        }

        private void readFunctions(WasmReader s) {
            int n = s.index();
            for (int i = 0; i < n; i++) {
                functions.add(types.get(s.index()));
            }
        }

        private void readExports(WasmReader s) {
            int n = s.index();
            for (int i = 0; i < n; i++) {
                String name = s.name();
                int kind = s.u8();
                int index = s.index();
                exportNames.add(name);
                if (kind == KIND_FUNC) {
                    exports.put(name, functions.get(index));
                } else if (kind == KIND_MEMORY && name.equals("memory")) {
                    exportsMemory = true;
                }
            }
        }

        private void readCode(WasmReader s) {
            int n = s.index();
            for (int i = 0; i < n; i++) {
                int size = s.index();
                int end = s.position() + size;
                int groups = s.index();
                for (int g = 0; g < groups; g++) {
                    s.u32();
                    s.u8();
                }
                if (!CodeScanner.scan(s, end, this::onTableInstruction)) {
                    complete = false;
                }
                s.seek(end);
            }
        }

        private void onTableInstruction(boolean isCallIndirect) {
            if (isCallIndirect) {
                callIndirect = true;
            } else {
                tableInitOrCopy = true;
            }
        }
    }
}
