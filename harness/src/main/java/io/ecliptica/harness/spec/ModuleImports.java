package io.ecliptica.harness.spec;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The imports of a binary module, read straight from its type and import sections. The engine API
 * cannot list a module's imports, but the spec runner must know them before instantiating: which
 * exports of registered instances to forward, and whether the module needs a memory, table or
 * global import that the API cannot provide (then the module is skipped, not failed).
 */
public record ModuleImports(List<Import> imports) {

    public enum Kind { FUNCTION, TABLE, MEMORY, GLOBAL }

    /**
     * One import. {@code type} is present for a function import whose signature uses only
     * i32/i64/f32/f64; empty for other kinds and for signatures with v128 or reference types.
     * {@code mutable} is set for a mutable global.
     */
    public record Import(String module, String name, Kind kind, Optional<FunctionType> type, boolean mutable) {
        public String kindName() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether importing it lets the importer change the exporter's state (memory, table, mutable global). */
        public boolean sharesState() {
            return kind == Kind.MEMORY || kind == Kind.TABLE || (kind == Kind.GLOBAL && mutable);
        }
    }

    public ModuleImports {
        imports = List.copyOf(imports);
    }

    /**
     * Reads the imports, or returns empty if the bytes are not a module this reader understands
     * (a malformed module: whatever the engine makes of it, it will not link anything).
     */
    public static Optional<ModuleImports> read(byte[] wasm) {
        try {
            return Optional.of(new Parser(wasm).parse());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The first import the engine API cannot provide (not a function, or a non-numeric signature). */
    public Optional<String> unsupported() {
        for (Import i : imports) {
            if (i.kind() != Kind.FUNCTION) {
                return Optional.of("unsupported import kind: " + i.kindName());
            }
            if (i.type().isEmpty()) {
                return Optional.of("unsupported import type: v128 or reference");
            }
        }
        return Optional.empty();
    }

    private static final class Parser {
        private final byte[] b;
        private int pos;

        Parser(byte[] bytes) {
            this.b = bytes;
        }

        ModuleImports parse() {
            if (b.length < 8 || u32le() != 0x6d736100 || u32le() != 1) {
                throw new IllegalArgumentException("not a version-1 wasm binary");
            }
            List<Optional<FunctionType>> types = new ArrayList<>();
            List<Import> imports = new ArrayList<>();
            while (pos < b.length) {
                int id = u8();
                int size = (int) u32();
                int end = pos + size;
                if (size < 0 || end > b.length) {
                    throw new IllegalArgumentException("section out of bounds");
                }
                if (id == 1) {
                    long n = u32();
                    for (long k = 0; k < n; k++) {
                        types.add(functionType());
                    }
                } else if (id == 2) {
                    long n = u32();
                    for (long k = 0; k < n; k++) {
                        imports.add(importEntry(types));
                    }
                    return new ModuleImports(imports); // sections are ordered: nothing later matters
                } else if (id > 2) {
                    break; // past the import section's place: the module has no imports
                }
                pos = end;
            }
            return new ModuleImports(imports);
        }

        private Optional<FunctionType> functionType() {
            if (u8() != 0x60) {
                throw new IllegalArgumentException("not a function type");
            }
            List<ValueType> params = valueTypes();
            List<ValueType> results = valueTypes();
            return params == null || results == null ? Optional.empty() : Optional.of(FunctionType.of(params, results));
        }

        /** The types, or null if one of them is not i32/i64/f32/f64. */
        private List<ValueType> valueTypes() {
            long n = u32();
            List<ValueType> out = new ArrayList<>();
            boolean numeric = true;
            for (long k = 0; k < n; k++) {
                ValueType t = switch (u8()) {
                    case 0x7f -> ValueType.I32;
                    case 0x7e -> ValueType.I64;
                    case 0x7d -> ValueType.F32;
                    case 0x7c -> ValueType.F64;
                    default -> null;
                };
                if (t == null) {
                    numeric = false;
                } else {
                    out.add(t);
                }
            }
            return numeric ? out : null;
        }

        private Import importEntry(List<Optional<FunctionType>> types) {
            String module = name();
            String name = name();
            int kind = u8();
            return switch (kind) {
                case 0x00 -> {
                    long index = u32();
                    Optional<FunctionType> t = index < types.size() ? types.get((int) index) : Optional.empty();
                    yield new Import(module, name, Kind.FUNCTION, t, false);
                }
                case 0x01 -> {
                    u8(); // reference type
                    limits();
                    yield new Import(module, name, Kind.TABLE, Optional.empty(), false);
                }
                case 0x02 -> {
                    limits();
                    yield new Import(module, name, Kind.MEMORY, Optional.empty(), false);
                }
                case 0x03 -> {
                    u8(); // value type
                    boolean mutable = u8() == 1;
                    yield new Import(module, name, Kind.GLOBAL, Optional.empty(), mutable);
                }
                default -> throw new IllegalArgumentException("unknown import kind " + kind);
            };
        }

        private void limits() {
            int flags = u8();
            u32();
            if ((flags & 1) != 0) {
                u32();
            }
        }

        private String name() {
            int n = (int) u32();
            if (n < 0 || pos + n > b.length) {
                throw new IllegalArgumentException("name out of bounds");
            }
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        private int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("unexpected end");
            }
            return b[pos++] & 0xFF;
        }

        private long u32le() {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (long) u8() << (8 * i);
            }
            return v;
        }

        private long u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8();
                result |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return result & 0xFFFF_FFFFL;
                }
            }
            throw new IllegalArgumentException("LEB128 too long");
        }
    }
}
