package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import and export signatures of a module, read from its binary.
 *
 * <p>Why: GraalWasm links host functions given as untyped {@code ProxyExecutable}s, so it cannot
 * notice a host function offered with the wrong signature, and the polyglot API does not expose the
 * types of exports. Both are needed for {@code LinkException}s, so the adapter reads the type,
 * import, function and export sections itself. It only runs on bytes GraalWasm has already
 * validated, so it does not re-validate; anything it cannot read is an adapter bug.
 *
 * @param imports every import in declaration order
 * @param functionExports function exports by name; empty when the signature uses a type outside
 *     i32/i64/f32/f64 (v128, references), which the engine-neutral API cannot express
 */
record ModuleSignatures(List<Import> imports, Map<String, Optional<FunctionType>> functionExports) {

    /** One import; {@code type} is empty for non-function imports or unrepresentable signatures. */
    record Import(String module, String name, String kind, Optional<FunctionType> type) {
        boolean isFunction() {
            return kind.equals("function");
        }

        @Override
        public String toString() {
            return module + "." + name + " (" + kind + type.map(t -> " " + t).orElse("") + ")";
        }
    }

    static ModuleSignatures read(byte[] wasm) {
        return new Reader(wasm).readModule();
    }

    /** A cursor over the binary with the LEB128 and name decoders the four sections need. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        private final List<Optional<FunctionType>> types = new ArrayList<>();
        private final List<Optional<FunctionType>> functions = new ArrayList<>(); // function index space
        private final List<Import> imports = new ArrayList<>();
        private final Map<String, Optional<FunctionType>> exports = new HashMap<>();

        Reader(byte[] b) {
            this.b = b;
        }

        ModuleSignatures readModule() {
            pos = 8; // magic and version, checked by the engine
            while (pos < b.length) {
                int id = u8();
                int size = (int) u32();
                int end = pos + size;
                switch (id) {
                    case 1 -> readTypes();
                    case 2 -> readImports();
                    case 3 -> readFunctions();
                    case 7 -> readExports();
                    default -> { }
                }
                pos = end;
            }
            return new ModuleSignatures(List.copyOf(imports), Map.copyOf(exports));
        }

        private void readTypes() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                int form = u8();
                if (form != 0x60) {
                    throw new IllegalStateException("unsupported type form 0x" + Integer.toHexString(form));
                }
                Optional<List<ValueType>> params = valueTypes();
                Optional<List<ValueType>> results = valueTypes();
                types.add(params.isPresent() && results.isPresent()
                        ? Optional.of(new FunctionType(params.get(), results.get())) : Optional.empty());
            }
        }

        private Optional<List<ValueType>> valueTypes() {
            long n = u32();
            List<ValueType> out = new ArrayList<>();
            boolean representable = true;
            for (long i = 0; i < n; i++) {
                ValueType t = valueType(u8());
                if (t == null) {
                    representable = false;
                } else {
                    out.add(t);
                }
            }
            return representable ? Optional.of(out) : Optional.empty();
        }

        private static ValueType valueType(int code) {
            return switch (code) {
                case 0x7f -> ValueType.I32;
                case 0x7e -> ValueType.I64;
                case 0x7d -> ValueType.F32;
                case 0x7c -> ValueType.F64;
                case 0x7b, 0x70, 0x6f -> null; // v128, funcref, externref
                default -> throw new IllegalStateException("unsupported value type 0x" + Integer.toHexString(code));
            };
        }

        private void readImports() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                String module = name();
                String field = name();
                int kind = u8();
                switch (kind) {
                    case 0 -> {
                        Optional<FunctionType> type = types.get((int) u32());
                        functions.add(type);
                        imports.add(new Import(module, field, "function", type));
                    }
                    case 1 -> {
                        u8(); // reference type
                        limits();
                        imports.add(new Import(module, field, "table", Optional.empty()));
                    }
                    case 2 -> {
                        limits();
                        imports.add(new Import(module, field, "memory", Optional.empty()));
                    }
                    case 3 -> {
                        u8(); // value type
                        u8(); // mutability
                        imports.add(new Import(module, field, "global", Optional.empty()));
                    }
                    default -> throw new IllegalStateException("unsupported import kind " + kind);
                }
            }
        }

        private void limits() {
            int flags = u8();
            u64();
            if ((flags & 1) != 0) {
                u64();
            }
        }

        private void readFunctions() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                functions.add(types.get((int) u32()));
            }
        }

        private void readExports() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                String name = name();
                int kind = u8();
                long index = u32();
                if (kind == 0) {
                    exports.put(name, functions.get((int) index));
                }
            }
        }

        private String name() {
            int len = (int) u32();
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        private int u8() {
            if (pos >= b.length) {
                throw new IllegalStateException("unexpected end of module at byte " + pos);
            }
            return b[pos++] & 0xff;
        }

        private long u32() {
            return u64();
        }

        private long u64() {
            long result = 0;
            int shift = 0;
            while (true) {
                int x = u8();
                result |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }
    }
}
