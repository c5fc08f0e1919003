package io.ecliptica.instrument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A decoded WebAssembly 2.0 module (the subset {@link Decoder} accepts). Sections that are absent
 * are empty lists; equality ignores byte offsets, so {@code decode(encode(m))} equals {@code m}.
 */
final class WasmModule {

    /** Section ids. */
    static final int CUSTOM = 0, TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6,
            EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;

    /** The order of the non-custom sections in a module. */
    static final int[] ORDER = {TYPE, IMPORT, FUNCTION, TABLE, MEMORY, GLOBAL, EXPORT, START, ELEMENT, DATA_COUNT, CODE, DATA};

    /** Position of a section id in {@link #ORDER}, 1-based; 0 for "before every section". */
    static int rank(int id) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == id) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("section id " + id);
    }

    /** External kinds. */
    static final int K_FUNC = 0, K_TABLE = 1, K_MEMORY = 2, K_GLOBAL = 3;

    record FuncType(List<ValType> params, List<ValType> results) {
        FuncType {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return params + " -> " + results;
        }
    }

    /** Limits; {@code max} is -1 when absent. */
    record Limits(long min, long max) {
        boolean hasMax() {
            return max >= 0;
        }
    }

    record GlobalType(ValType type, boolean mutable) {}

    /** What an import brings in: exactly one of the fields is used, by {@code kind}. */
    record ImportDesc(int kind, int typeIndex, Limits limits, GlobalType global) {}

    record Import(String module, String name, ImportDesc desc, long offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Import i && i.module.equals(module) && i.name.equals(name) && i.desc.equals(desc);
        }

        @Override
        public int hashCode() {
            return Objects.hash(module, name, desc);
        }
    }

    /** A funcref table (the only element type accepted). */
    record Table(Limits limits, long offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Table t && t.limits.equals(limits);
        }

        @Override
        public int hashCode() {
            return limits.hashCode();
        }
    }

    record Memory(Limits limits, long offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Memory m && m.limits.equals(limits);
        }

        @Override
        public int hashCode() {
            return limits.hashCode();
        }
    }

    record Global(GlobalType type, List<Instr> init, long offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Global g && g.type.equals(type) && g.init.equals(init);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, init);
        }
    }

    record Export(String name, int kind, long index, long offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Export e && e.name.equals(name) && e.kind == kind && e.index == index;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, kind, index);
        }
    }

    /**
     * An element segment. {@code flags} is the binary form (0..7): bit 0 passive/declarative, bit 1
     * explicit table index (active) or declarative (passive), bit 2 expressions instead of function
     * indices. {@code init} holds the elements, whichever form encodes them ({@code ref.func x} and
     * {@code ref.null func} are the only element expressions accepted).
     */
    record Elem(int flags, long table, List<Instr> offset, List<ElemItem> init, long byteOffset) {
        boolean active() {
            return (flags & 1) == 0;
        }

        boolean declarative() {
            return (flags & 3) == 3;
        }

        boolean passive() {
            return (flags & 3) == 1;
        }

        boolean usesExpressions() {
            return (flags & 4) != 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Elem e && e.flags == flags && e.table == table && Objects.equals(e.offset, offset)
                    && e.init.equals(init);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flags, table, offset, init);
        }
    }

    /** One element: a function index, or -1 for {@code ref.null func}. */
    record ElemItem(long func) {
        boolean isNull() {
            return func < 0;
        }
    }

    /** A data segment: flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
    record Data(int flags, long memory, List<Instr> offset, Bytes bytes, long byteOffset) {
        boolean active() {
            return flags != 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.flags == flags && d.memory == memory && Objects.equals(d.offset, offset)
                    && d.bytes.equals(bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flags, memory, offset, bytes);
        }
    }

    record LocalGroup(long count, ValType type) {}

    /** A function body; {@code body} ends with the final {@code end}. */
    record Code(List<LocalGroup> locals, List<Instr> body, long offset) {
        long localCount() {
            long n = 0;
            for (LocalGroup g : locals) {
                n += g.count;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Code c && c.locals.equals(locals) && c.body.equals(body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(locals, body);
        }
    }

    /** A custom section; {@code after} is the {@link #rank} of the last non-custom section before it. */
    record Custom(String name, Bytes payload, int after) {}

    /** An immutable byte string with value equality. */
    static final class Bytes {
        private final byte[] b;

        Bytes(byte[] b) {
            this.b = b.clone();
        }

        byte[] toArray() {
            return b.clone();
        }

        int length() {
            return b.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes x && Arrays.equals(x.b, b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }
    }

    List<FuncType> types = new ArrayList<>();
    List<Import> imports = new ArrayList<>();
    /** Type index of each defined function. */
    List<Integer> functions = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    List<Memory> memories = new ArrayList<>();
    List<Global> globals = new ArrayList<>();
    List<Export> exports = new ArrayList<>();
    /** The start function index, or -1. */
    long start = -1;
    List<Elem> elems = new ArrayList<>();
    /** The data count section's value, or -1 when absent. */
    long dataCount = -1;
    List<Code> codes = new ArrayList<>();
    List<Data> datas = new ArrayList<>();
    List<Custom> customs = new ArrayList<>();
    /** Bit {@code 1 << id} for each vector section the input had even though it was empty (kept on re-encoding). */
    int emptySections;

    int importedCount(int kind) {
        int n = 0;
        for (Import i : imports) {
            if (i.desc().kind() == kind) {
                n++;
            }
        }
        return n;
    }

    int functionCount() {
        return importedCount(K_FUNC) + functions.size();
    }

    /** The type of function {@code index} (imports first). */
    FuncType functionType(long index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.desc().kind() == K_FUNC) {
                if (imported == index) {
                    return types.get(i.desc().typeIndex());
                }
                imported++;
            }
        }
        return types.get(functions.get((int) (index - imported)));
    }

    /** The import of function {@code index}, or null for a defined function. */
    Import functionImport(long index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.desc().kind() == K_FUNC) {
                if (imported == index) {
                    return i;
                }
                imported++;
            }
        }
        return null;
    }

    /** Global types, imported first. */
    List<GlobalType> globalTypes() {
        List<GlobalType> out = new ArrayList<>();
        for (Import i : imports) {
            if (i.desc().kind() == K_GLOBAL) {
                out.add(i.desc().global());
            }
        }
        for (Global g : globals) {
            out.add(g.type());
        }
        return out;
    }

    WasmModule copy() {
        WasmModule m = new WasmModule();
        m.types = new ArrayList<>(types);
        m.imports = new ArrayList<>(imports);
        m.functions = new ArrayList<>(functions);
        m.tables = new ArrayList<>(tables);
        m.memories = new ArrayList<>(memories);
        m.globals = new ArrayList<>(globals);
        m.exports = new ArrayList<>(exports);
        m.start = start;
        m.elems = new ArrayList<>(elems);
        m.dataCount = dataCount;
        m.codes = new ArrayList<>(codes);
        m.datas = new ArrayList<>(datas);
        m.customs = new ArrayList<>(customs);
        m.emptySections = emptySections;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WasmModule m && types.equals(m.types) && imports.equals(m.imports)
                && functions.equals(m.functions) && tables.equals(m.tables) && memories.equals(m.memories)
                && globals.equals(m.globals) && exports.equals(m.exports) && start == m.start
                && elems.equals(m.elems) && dataCount == m.dataCount && codes.equals(m.codes)
                && datas.equals(m.datas) && customs.equals(m.customs) && emptySections == m.emptySections;
    }

    @Override
    public int hashCode() {
        return Objects.hash(types, imports, functions, tables, memories, globals, exports, start, elems, dataCount,
                codes, datas, customs, emptySections);
    }
}
