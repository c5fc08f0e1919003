package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Bytes;
import io.ecliptica.instrument.WasmModule.Code;
import io.ecliptica.instrument.WasmModule.Custom;
import io.ecliptica.instrument.WasmModule.Data;
import io.ecliptica.instrument.WasmModule.Elem;
import io.ecliptica.instrument.WasmModule.ElemItem;
import io.ecliptica.instrument.WasmModule.Export;
import io.ecliptica.instrument.WasmModule.FuncType;
import io.ecliptica.instrument.WasmModule.Global;
import io.ecliptica.instrument.WasmModule.GlobalType;
import io.ecliptica.instrument.WasmModule.Import;
import io.ecliptica.instrument.WasmModule.ImportDesc;
import io.ecliptica.instrument.WasmModule.Limits;
import io.ecliptica.instrument.WasmModule.LocalGroup;
import io.ecliptica.instrument.WasmModule.Memory;
import io.ecliptica.instrument.WasmModule.Table;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the WebAssembly 2.0 binary format into a {@link WasmModule}. Encodings of proposals this
 * instrumenter does not support are rejected with the proposal's feature name (docs/gas.md
 * §Feature gate); anything else that does not decode is {@link Features#MALFORMED}. Decoding does
 * not validate types or indices ({@link Validator} does).
 */
final class Decoder {

    private final byte[] in;
    private int pos;

    private Decoder(byte[] in) {
        this.in = in;
    }

    static WasmModule decode(byte[] wasm) {
        return new Decoder(wasm).module();
    }

    // ---- errors ------------------------------------------------------------------------------

    static ModuleRejectedException malformed(long offset, String detail) {
        return new ModuleRejectedException(Features.MALFORMED, offset, detail);
    }

    static ModuleRejectedException feature(String feature, long offset, String detail) {
        return new ModuleRejectedException(feature, offset, detail);
    }

    // ---- primitive readers -------------------------------------------------------------------

    private int u8() {
        if (pos >= in.length) {
            throw malformed(pos, "unexpected end");
        }
        return in[pos++] & 0xFF;
    }

    private int peek() {
        if (pos >= in.length) {
            throw malformed(pos, "unexpected end");
        }
        return in[pos] & 0xFF;
    }

    /** Unsigned LEB128 of at most {@code bits} bits. */
    private long uleb(int bits) {
        long start = pos;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++) {
            if (i >= maxBytes) {
                throw malformed(start, "integer representation too long");
            }
            int b = u8();
            if (i == maxBytes - 1) {
                int usedBits = bits - 7 * i;
                if ((b & 0x80) != 0) {
                    throw malformed(start, "integer representation too long");
                }
                if ((b >>> usedBits) != 0) {
                    throw malformed(start, "integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    private long u32() {
        return uleb(32);
    }

    /** A u32 used as a count or index that must fit in an int for this decoder. */
    private int count() {
        long at = pos;
        long n = u32();
        if (n > in.length - pos) {
            // every element takes at least one byte
            throw malformed(at, "length out of bounds (" + n + " elements, " + (in.length - pos) + " bytes left)");
        }
        return (int) n;
    }

    /** Signed LEB128 of at most {@code bits} bits. */
    private long sleb(int bits) {
        long start = pos;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        int b;
        for (int i = 0; ; i++) {
            if (i >= maxBytes) {
                throw malformed(start, "integer representation too long");
            }
            b = u8();
            if (i == maxBytes - 1) {
                if ((b & 0x80) != 0) {
                    throw malformed(start, "integer representation too long");
                }
                int r = bits - 7 * i; // value bits in this byte, the highest one being the sign
                int ext = (b & 0x7F) >> (r - 1); // the sign bit and the unused bits above it
                if (ext != 0 && ext != (1 << (8 - r)) - 1) {
                    throw malformed(start, "integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    private byte[] bytes(int n) {
        if (n < 0 || n > in.length - pos) {
            throw malformed(pos, "unexpected end");
        }
        byte[] out = new byte[n];
        System.arraycopy(in, pos, out, 0, n);
        pos += n;
        return out;
    }

    private String name() {
        long at = pos;
        int n = count();
        byte[] b = bytes(n);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(at, "malformed UTF-8 encoding");
        }
    }

    // ---- types -------------------------------------------------------------------------------

    /** Rejects a non-numeric type code with the feature that introduced it. */
    static ModuleRejectedException typeError(int code, long at, String where) {
        return switch (code) {
            case 0x7B -> feature(Features.SIMD, at, "v128 " + where);
            case 0x70, 0x6F -> feature(Features.REFERENCE_TYPES, at,
                    (code == 0x70 ? "funcref " : "externref ") + where);
            case 0x63, 0x64, 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x69, 0x71, 0x72, 0x73, 0x74, 0x78, 0x77 ->
                    feature(Features.GC, at, "GC reference type 0x" + Integer.toHexString(code) + " " + where);
            default -> malformed(at, "malformed value type 0x" + Integer.toHexString(code) + " " + where);
        };
    }

    private ValType valType(String where) {
        long at = pos;
        int code = u8();
        ValType t = ValType.of(code);
        if (t == null) {
            throw typeError(code, at, where);
        }
        return t;
    }

    private FuncType funcType() {
        long at = pos;
        int form = u8();
        if (form != 0x60) {
            if (form == 0x5E || form == 0x5F || form == 0x50 || form == 0x4E || form == 0x4F || form == 0x4D) {
                throw feature(Features.GC, at, "GC type definition 0x" + Integer.toHexString(form));
            }
            throw malformed(at, "malformed function type form 0x" + Integer.toHexString(form));
        }
        int np = count();
        List<ValType> params = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            params.add(valType("as a parameter"));
        }
        int nr = count();
        List<ValType> results = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            results.add(valType("as a result"));
        }
        return new FuncType(params, results);
    }

    private Limits limits(boolean memory) {
        long at = pos;
        int flags = u8();
        switch (flags) {
            case 0x00 -> {
                return new Limits(u32(), -1);
            }
            case 0x01 -> {
                long min = u32();
                long max = u32();
                return new Limits(min, max);
            }
            case 0x02, 0x03 -> throw memory
                    ? feature(Features.THREADS, at, "shared memory")
                    : malformed(at, "malformed limits flags 0x0" + flags);
            case 0x04, 0x05, 0x06, 0x07 -> throw feature(Features.MEMORY64, at,
                    (memory ? "64-bit memory" : "64-bit table") + " limits");
            default -> throw malformed(at, "malformed limits flags 0x" + Integer.toHexString(flags));
        }
    }

    private void funcrefType(String where) {
        long at = pos;
        int code = u8();
        if (code != 0x70) {
            if (code == 0x40 && peek() == 0x00) {
                throw feature(Features.GC, at, "table with an initializer expression");
            }
            throw typeError(code, at, where);
        }
    }

    private GlobalType globalType() {
        ValType t = valType("global");
        long at = pos;
        int mut = u8();
        if (mut > 1) {
            if (mut == 2 || mut == 3) {
                throw feature(Features.THREADS, at, "shared global");
            }
            throw malformed(at, "malformed mutability");
        }
        return new GlobalType(t, mut == 1);
    }

    // ---- module ------------------------------------------------------------------------------

    private WasmModule module() {
        if (in.length < 4 || in[0] != 0 || in[1] != 'a' || in[2] != 's' || in[3] != 'm') {
            throw malformed(0, "magic header not detected");
        }
        if (in.length < 8) {
            throw malformed(4, "unexpected end");
        }
        if (in[4] != 1 || in[5] != 0 || in[6] != 0 || in[7] != 0) {
            if (in[6] != 0 || in[7] != 0) {
                throw feature(Features.GC, 4, "not a core module (component or layer "
                        + ((in[6] & 0xFF) | (in[7] & 0xFF) << 8) + ")");
            }
            throw malformed(4, "unknown binary version");
        }
        pos = 8;
        WasmModule m = new WasmModule();
        int lastRank = 0;
        int functionCount = -1;
        long functionSectionAt = -1;
        boolean sawCode = false;
        boolean sawData = false;
        int importedTables = 0;
        int importedMemories = 0;
        while (pos < in.length) {
            long sectionAt = pos;
            int id = u8();
            long size = u32();
            if (size > in.length - pos) {
                throw malformed(sectionAt, "section size out of bounds (unexpected end)");
            }
            int end = pos + (int) size;
            if (id == WasmModule.CUSTOM) {
                String name = nameWithin(end);
                m.customs.add(new Custom(name, new Bytes(bytesUpTo(end)), lastRank));
                continue;
            }
            if (id > 12) {
                if (id == 13) {
                    throw feature(Features.EXCEPTIONS, sectionAt, "tag section");
                }
                throw malformed(sectionAt, "malformed section id " + id);
            }
            int rank = WasmModule.rank(id);
            if (rank <= lastRank) {
                throw malformed(sectionAt, "unexpected content after last section (section " + id + " out of order)");
            }
            lastRank = rank;
            switch (id) {
                case WasmModule.TYPE -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        m.types.add(funcType());
                    }
                }
                case WasmModule.IMPORT -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        long at = pos;
                        String module = name();
                        String name = name();
                        long kindAt = pos;
                        int kind = u8();
                        ImportDesc desc = switch (kind) {
                            case 0 -> new ImportDesc(0, (int) u32Index(), null, null);
                            case 1 -> {
                                funcrefType("table");
                                if (++importedTables > 1) {
                                    throw feature(Features.REFERENCE_TYPES, at, "more than one table");
                                }
                                yield new ImportDesc(1, 0, limits(false), null);
                            }
                            case 2 -> {
                                if (++importedMemories > 1) {
                                    throw feature(Features.MULTI_MEMORY, at, "more than one memory");
                                }
                                yield new ImportDesc(2, 0, limits(true), null);
                            }
                            case 3 -> new ImportDesc(3, 0, null, globalType());
                            case 4 -> throw feature(Features.EXCEPTIONS, kindAt, "tag import");
                            default -> throw malformed(kindAt, "malformed import kind " + kind);
                        };
                        m.imports.add(new Import(module, name, desc, at));
                    }
                }
                case WasmModule.FUNCTION -> {
                    functionSectionAt = sectionAt;
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        m.functions.add((int) u32Index());
                    }
                    functionCount = n;
                }
                case WasmModule.TABLE -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        long at = pos;
                        funcrefType("table");
                        m.tables.add(new Table(limits(false), at));
                        if (importedTables + m.tables.size() > 1) {
                            throw feature(Features.REFERENCE_TYPES, at, "more than one table");
                        }
                    }
                    if (importedTables > 1) {
                        throw feature(Features.REFERENCE_TYPES, sectionAt, "more than one table");
                    }
                }
                case WasmModule.MEMORY -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        long at = pos;
                        m.memories.add(new Memory(limits(true), at));
                        if (importedMemories + m.memories.size() > 1) {
                            throw feature(Features.MULTI_MEMORY, at, "more than one memory");
                        }
                    }
                }
                case WasmModule.GLOBAL -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        long at = pos;
                        GlobalType t = globalType();
                        m.globals.add(new Global(t, constExpr(), at));
                    }
                }
                case WasmModule.EXPORT -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        long at = pos;
                        String name = name();
                        long kindAt = pos;
                        int kind = u8();
                        if (kind == 4) {
                            throw feature(Features.EXCEPTIONS, kindAt, "tag export");
                        }
                        if (kind > 3) {
                            throw malformed(kindAt, "malformed export kind " + kind);
                        }
                        m.exports.add(new Export(name, kind, u32(), at));
                    }
                }
                case WasmModule.START -> m.start = u32();
                case WasmModule.ELEMENT -> {
                    int n = count();
                    for (int i = 0; i < n; i++) {
                        m.elems.add(elem());
                    }
                }
                case WasmModule.DATA_COUNT -> m.dataCount = u32();
                case WasmModule.CODE -> {
                    sawCode = true;
                    int n = count();
                    if (n != Math.max(functionCount, 0)) {
                        throw malformed(sectionAt, "function and code section have inconsistent lengths");
                    }
                    for (int i = 0; i < n; i++) {
                        m.codes.add(code());
                    }
                }
                case WasmModule.DATA -> {
                    sawData = true;
                    int n = count();
                    if (m.dataCount >= 0 && m.dataCount != n) {
                        throw malformed(sectionAt, "data count and data section have inconsistent lengths");
                    }
                    for (int i = 0; i < n; i++) {
                        m.datas.add(data());
                    }
                }
                default -> throw new AssertionError(id);
            }
            if (pos != end) {
                throw malformed(pos, "section size mismatch (section " + id + " ends at " + pos + ", declared end " + end + ")");
            }
            boolean empty = switch (id) {
                case WasmModule.TYPE -> m.types.isEmpty();
                case WasmModule.IMPORT -> m.imports.isEmpty();
                case WasmModule.FUNCTION -> m.functions.isEmpty();
                case WasmModule.TABLE -> m.tables.isEmpty();
                case WasmModule.MEMORY -> m.memories.isEmpty();
                case WasmModule.GLOBAL -> m.globals.isEmpty();
                case WasmModule.EXPORT -> m.exports.isEmpty();
                case WasmModule.ELEMENT -> m.elems.isEmpty();
                case WasmModule.CODE -> m.codes.isEmpty();
                case WasmModule.DATA -> m.datas.isEmpty();
                default -> false;
            };
            if (empty) {
                m.emptySections |= 1 << id; // a vector section with no entries: kept on re-encoding
            }
        }
        if (!sawCode && functionCount > 0) {
            throw malformed(functionSectionAt, "function and code section have inconsistent lengths");
        }
        if (!sawData && m.dataCount > 0) {
            throw malformed(in.length, "data count and data section have inconsistent lengths");
        }
        return m;
    }

    private long u32Index() {
        return u32();
    }

    private String nameWithin(int end) {
        long at = pos;
        long len = u32();
        if (len > end - pos) {
            throw malformed(at, "unexpected end (custom section name runs past the section)");
        }
        pos = (int) at;
        return name();
    }

    private byte[] bytesUpTo(int end) {
        return bytes(end - pos);
    }

    private Elem elem() {
        long at = pos;
        long flags = u32();
        if (flags > 7) {
            throw malformed(at, "malformed elements segment kind " + flags);
        }
        int f = (int) flags;
        if ((f & 4) != 0) {
            // Element expressions (ref.func / ref.null) come with reference types: wasmtime, with
            // reference types off as the platform requires, refuses them, so the gate must too.
            throw feature(Features.REFERENCE_TYPES, at, "element segment with element expressions");
        }
        long table = 0;
        List<Instr> offset = null;
        if ((f & 1) == 0) {
            if ((f & 2) != 0) {
                table = u32();
            }
            offset = constExpr();
        }
        if ((f & 3) != 0) {
            long kindAt = pos;
            int kind = u8();
            if ((f & 4) == 0) {
                if (kind != 0x00) {
                    throw malformed(kindAt, "malformed element kind " + kind);
                }
            } else if (kind != 0x70) {
                throw typeError(kind, kindAt, "element segment");
            }
        }
        int n = count();
        List<ElemItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if ((f & 4) == 0) {
                items.add(new ElemItem(u32()));
            } else {
                long exprAt = pos;
                List<Instr> e = constExpr();
                if (e.size() == 1 && e.get(0).op() == Op.REF_FUNC) {
                    items.add(new ElemItem(e.get(0).a()));
                } else if (e.size() == 1 && e.get(0).op() == Op.REF_NULL) {
                    items.add(new ElemItem(-1));
                } else {
                    throw new ModuleRejectedException(Features.INVALID, exprAt,
                            "element expression must be ref.func or ref.null func (type mismatch or constant expression required)");
                }
            }
        }
        return new Elem(f, table, offset, items, at);
    }

    private Data data() {
        long at = pos;
        long flags = u32();
        long memory = 0;
        List<Instr> offset = null;
        switch ((int) Math.min(flags, 3)) {
            case 0 -> offset = constExpr();
            case 1 -> { }
            case 2 -> {
                memory = u32();
                offset = constExpr();
            }
            default -> throw malformed(at, "malformed data segment kind " + flags);
        }
        int n = count();
        return new Data((int) flags, memory, offset, new Bytes(bytes(n)), at);
    }

    private Code code() {
        long at = pos;
        long size = u32();
        if (size > in.length - pos) {
            throw malformed(at, "unexpected end (function body)");
        }
        int end = pos + (int) size;
        int groups = count();
        List<LocalGroup> locals = new ArrayList<>(groups);
        long total = 0;
        for (int i = 0; i < groups; i++) {
            long groupAt = pos;
            long n = u32();
            total += n;
            if (total > 0xFFFF_FFFFL) {
                throw malformed(groupAt, "too many locals");
            }
            locals.add(new LocalGroup(n, valType("local")));
        }
        List<Instr> body = new ArrayList<>();
        int depth = 0;
        while (true) {
            if (pos >= end) {
                throw malformed(pos, pos >= in.length ? "unexpected end" : "END opcode expected");
            }
            Instr ins = instr(false);
            body.add(ins);
            switch (ins.op()) {
                case BLOCK, LOOP, IF -> depth++;
                case END -> depth--;
                default -> { }
            }
            if (depth < 0) {
                break;
            }
        }
        if (pos != end) {
            throw malformed(pos, "section size mismatch (function body has bytes after its final end)");
        }
        return new Code(locals, body, at);
    }

    /** A constant expression up to and excluding its {@code end}. */
    private List<Instr> constExpr() {
        List<Instr> out = new ArrayList<>(2);
        while (true) {
            if (peek() == 0x0B) {
                pos++;
                return out;
            }
            out.add(instr(true));
        }
    }

    // ---- instructions ------------------------------------------------------------------------

    private Instr instr(boolean constExpr) {
        long at = pos;
        int b = u8();
        if (constExpr && b == 0xD0) {
            int t = u8();
            if (t != 0x70) {
                throw typeError(t, at + 1, "in ref.null");
            }
            return new Instr(Op.REF_NULL, 0, 0, null, at);
        }
        Op op;
        if (b == 0xFC) {
            long sub = u32();
            if (sub >= 15 && sub <= 17) {
                throw feature(Features.REFERENCE_TYPES, at,
                        (sub == 15 ? "table.grow" : sub == 16 ? "table.size" : "table.fill"));
            }
            op = sub < 15 ? Op.of(0xFC00 | (int) sub) : null;
            if (op == null) {
                throw malformed(at, "illegal opcode 0xfc " + sub);
            }
        } else {
            op = Op.of(b);
            if (op == null || (!constExpr && !op.inCode())) {
                throw unknownOpcode(b, at);
            }
        }
        return switch (op.imm) {
            case NONE -> new Instr(op, 0, 0, null, at);
            case BLOCKTYPE -> new Instr(op, blockType(), 0, null, at);
            case LABEL, FUNC, LOCAL, GLOBAL, DATA, ELEM -> new Instr(op, u32(), 0, null, at);
            case BR_TABLE -> {
                int n = count();
                int[] labels = new int[n + 1];
                for (int i = 0; i <= n; i++) {
                    long l = u32();
                    labels[i] = (int) Math.min(l, Integer.MAX_VALUE);
                }
                yield new Instr(op, 0, 0, labels, at);
            }
            case CALL_INDIRECT -> {
                long type = u32();
                long table = u32();
                yield new Instr(op, type, table, null, at);
            }
            case MEMARG -> {
                long alignAt = pos;
                long align = u32();
                if ((align & 0x40) != 0) {
                    throw feature(Features.MULTI_MEMORY, alignAt, "memory index in memarg");
                }
                long offset = u32();
                yield new Instr(op, align, offset, null, at);
            }
            case MEM -> {
                zeroByte();
                yield new Instr(op, 0, 0, null, at);
            }
            case MEM_MEM -> {
                zeroByte();
                zeroByte();
                yield new Instr(op, 0, 0, null, at);
            }
            case DATA_MEM -> {
                long d = u32();
                zeroByte();
                yield new Instr(op, d, 0, null, at);
            }
            case ELEM_TABLE -> {
                long e = u32();
                long t = u32();
                yield new Instr(op, e, t, null, at);
            }
            case TABLE_TABLE -> {
                long dst = u32();
                long src = u32();
                yield new Instr(op, dst, src, null, at);
            }
            case I32 -> new Instr(op, sleb(32), 0, null, at);
            case I64 -> new Instr(op, sleb(64), 0, null, at);
            case F32 -> {
                byte[] x = bytes(4);
                long bits = (x[0] & 0xFFL) | (x[1] & 0xFFL) << 8 | (x[2] & 0xFFL) << 16 | (x[3] & 0xFFL) << 24;
                yield new Instr(op, bits, 0, null, at);
            }
            case F64 -> {
                byte[] x = bytes(8);
                long bits = 0;
                for (int i = 7; i >= 0; i--) {
                    bits = bits << 8 | (x[i] & 0xFFL);
                }
                yield new Instr(op, bits, 0, null, at);
            }
            // Typed select belongs to reference types: wasmtime, with reference types off as the
            // platform requires, refuses it, so the gate must too.
            case SELECT_T -> throw feature(Features.REFERENCE_TYPES, at, "typed select");
        };
    }

    private void zeroByte() {
        long at = pos;
        if (u8() != 0) {
            throw malformed(at, "zero byte expected");
        }
    }

    private long blockType() {
        long at = pos;
        int b = peek();
        if (b == 0x40) {
            pos++;
            return Instr.BT_EMPTY;
        }
        ValType t = ValType.of(b);
        if (t != null) {
            pos++;
            return -t.code;
        }
        if ((b & 0x40) != 0 && (b & 0x80) == 0) {
            // a negative single-byte s33: some other (non-numeric) type code
            pos++;
            throw typeError(b, at, "as a block type");
        }
        long idx = sleb(33);
        if (idx < 0) {
            throw malformed(at, "malformed block type");
        }
        return idx;
    }

    private static ModuleRejectedException unknownOpcode(int b, long at) {
        return switch (b) {
            case 0xFD -> feature(Features.SIMD, at, "SIMD instruction (0xfd prefix)");
            case 0xFE -> feature(Features.THREADS, at, "atomic instruction (0xfe prefix)");
            case 0xFB -> feature(Features.GC, at, "GC instruction (0xfb prefix)");
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> feature(Features.EXCEPTIONS, at,
                    "exception-handling instruction 0x" + Integer.toHexString(b));
            case 0x12, 0x13 -> feature(Features.TAIL_CALL, at, b == 0x12 ? "return_call" : "return_call_indirect");
            case 0x14, 0x15 -> feature(Features.GC, at, b == 0x14 ? "call_ref" : "return_call_ref");
            case 0xD3, 0xD4, 0xD5, 0xD6 -> feature(Features.GC, at, "typed reference instruction 0x" + Integer.toHexString(b));
            case 0x25, 0x26 -> feature(Features.REFERENCE_TYPES, at, b == 0x25 ? "table.get" : "table.set");
            case 0xD0, 0xD1, 0xD2 -> feature(Features.REFERENCE_TYPES, at,
                    b == 0xD0 ? "ref.null" : b == 0xD1 ? "ref.is_null" : "ref.func");
            default -> malformed(at, "illegal opcode 0x" + Integer.toHexString(b));
        };
    }
}
