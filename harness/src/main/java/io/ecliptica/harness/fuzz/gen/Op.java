package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The instructions the generator emits: the WebAssembly 2.0 MVP, sign extension, saturating
 * truncation and bulk memory on the one memory. {@code 0xFC}-prefixed opcodes have
 * {@code code = 0xFC00 | subopcode}. {@code sig} types the simple instructions,
 * {@code "params>results"} with {@code i}=i32, {@code I}=i64, {@code f}=f32, {@code F}=f64;
 * {@code null} for those typed by their context (control, variables, calls, drop, select).
 */
public enum Op {
    UNREACHABLE(0x00, "unreachable", null, OpFamily.UNREACHABLE),
    NOP(0x01, "nop", null, OpFamily.CONTROL),
    BLOCK(0x02, "block", null, OpFamily.CONTROL),
    LOOP(0x03, "loop", null, OpFamily.CONTROL),
    IF(0x04, "if", null, OpFamily.CONTROL),
    ELSE(0x05, "else", null, OpFamily.STRUCTURE),
    END(0x0B, "end", null, OpFamily.STRUCTURE),
    BR(0x0C, "br", null, OpFamily.BRANCH),
    BR_IF(0x0D, "br_if", null, OpFamily.BRANCH),
    BR_TABLE(0x0E, "br_table", null, OpFamily.BRANCH),
    RETURN(0x0F, "return", null, OpFamily.BRANCH),
    CALL(0x10, "call", null, OpFamily.CALL),
    CALL_INDIRECT(0x11, "call_indirect", null, OpFamily.CALL_INDIRECT),
    DROP(0x1A, "drop", null, OpFamily.PARAMETRIC),
    SELECT(0x1B, "select", null, OpFamily.PARAMETRIC),
    LOCAL_GET(0x20, "local.get", null, OpFamily.LOCAL),
    LOCAL_SET(0x21, "local.set", null, OpFamily.LOCAL),
    LOCAL_TEE(0x22, "local.tee", null, OpFamily.LOCAL),
    GLOBAL_GET(0x23, "global.get", null, OpFamily.GLOBAL),
    GLOBAL_SET(0x24, "global.set", null, OpFamily.GLOBAL),
    I32_LOAD(0x28, "i32.load", "i>i", OpFamily.LOAD, 4),
    I64_LOAD(0x29, "i64.load", "i>I", OpFamily.LOAD, 8),
    F32_LOAD(0x2A, "f32.load", "i>f", OpFamily.LOAD, 4),
    F64_LOAD(0x2B, "f64.load", "i>F", OpFamily.LOAD, 8),
    I32_LOAD8_S(0x2C, "i32.load8_s", "i>i", OpFamily.LOAD, 1),
    I32_LOAD8_U(0x2D, "i32.load8_u", "i>i", OpFamily.LOAD, 1),
    I32_LOAD16_S(0x2E, "i32.load16_s", "i>i", OpFamily.LOAD, 2),
    I32_LOAD16_U(0x2F, "i32.load16_u", "i>i", OpFamily.LOAD, 2),
    I64_LOAD8_S(0x30, "i64.load8_s", "i>I", OpFamily.LOAD, 1),
    I64_LOAD8_U(0x31, "i64.load8_u", "i>I", OpFamily.LOAD, 1),
    I64_LOAD16_S(0x32, "i64.load16_s", "i>I", OpFamily.LOAD, 2),
    I64_LOAD16_U(0x33, "i64.load16_u", "i>I", OpFamily.LOAD, 2),
    I64_LOAD32_S(0x34, "i64.load32_s", "i>I", OpFamily.LOAD, 4),
    I64_LOAD32_U(0x35, "i64.load32_u", "i>I", OpFamily.LOAD, 4),
    I32_STORE(0x36, "i32.store", "ii>", OpFamily.STORE, 4),
    I64_STORE(0x37, "i64.store", "iI>", OpFamily.STORE, 8),
    F32_STORE(0x38, "f32.store", "if>", OpFamily.STORE, 4),
    F64_STORE(0x39, "f64.store", "iF>", OpFamily.STORE, 8),
    I32_STORE8(0x3A, "i32.store8", "ii>", OpFamily.STORE, 1),
    I32_STORE16(0x3B, "i32.store16", "ii>", OpFamily.STORE, 2),
    I64_STORE8(0x3C, "i64.store8", "iI>", OpFamily.STORE, 1),
    I64_STORE16(0x3D, "i64.store16", "iI>", OpFamily.STORE, 2),
    I64_STORE32(0x3E, "i64.store32", "iI>", OpFamily.STORE, 4),
    MEMORY_SIZE(0x3F, "memory.size", ">i", OpFamily.MEMORY_SIZE_GROW),
    MEMORY_GROW(0x40, "memory.grow", "i>i", OpFamily.MEMORY_SIZE_GROW),
    I32_CONST(0x41, "i32.const", ">i", OpFamily.CONST),
    I64_CONST(0x42, "i64.const", ">I", OpFamily.CONST),
    F32_CONST(0x43, "f32.const", ">f", OpFamily.CONST),
    F64_CONST(0x44, "f64.const", ">F", OpFamily.CONST),
    I32_EQZ(0x45, "i32.eqz", "i>i", OpFamily.COMPARE),
    I32_EQ(0x46, "i32.eq", "ii>i", OpFamily.COMPARE),
    I32_NE(0x47, "i32.ne", "ii>i", OpFamily.COMPARE),
    I32_LT_S(0x48, "i32.lt_s", "ii>i", OpFamily.COMPARE),
    I32_LT_U(0x49, "i32.lt_u", "ii>i", OpFamily.COMPARE),
    I32_GT_S(0x4A, "i32.gt_s", "ii>i", OpFamily.COMPARE),
    I32_GT_U(0x4B, "i32.gt_u", "ii>i", OpFamily.COMPARE),
    I32_LE_S(0x4C, "i32.le_s", "ii>i", OpFamily.COMPARE),
    I32_LE_U(0x4D, "i32.le_u", "ii>i", OpFamily.COMPARE),
    I32_GE_S(0x4E, "i32.ge_s", "ii>i", OpFamily.COMPARE),
    I32_GE_U(0x4F, "i32.ge_u", "ii>i", OpFamily.COMPARE),
    I64_EQZ(0x50, "i64.eqz", "I>i", OpFamily.COMPARE),
    I64_EQ(0x51, "i64.eq", "II>i", OpFamily.COMPARE),
    I64_NE(0x52, "i64.ne", "II>i", OpFamily.COMPARE),
    I64_LT_S(0x53, "i64.lt_s", "II>i", OpFamily.COMPARE),
    I64_LT_U(0x54, "i64.lt_u", "II>i", OpFamily.COMPARE),
    I64_GT_S(0x55, "i64.gt_s", "II>i", OpFamily.COMPARE),
    I64_GT_U(0x56, "i64.gt_u", "II>i", OpFamily.COMPARE),
    I64_LE_S(0x57, "i64.le_s", "II>i", OpFamily.COMPARE),
    I64_LE_U(0x58, "i64.le_u", "II>i", OpFamily.COMPARE),
    I64_GE_S(0x59, "i64.ge_s", "II>i", OpFamily.COMPARE),
    I64_GE_U(0x5A, "i64.ge_u", "II>i", OpFamily.COMPARE),
    F32_EQ(0x5B, "f32.eq", "ff>i", OpFamily.COMPARE),
    F32_NE(0x5C, "f32.ne", "ff>i", OpFamily.COMPARE),
    F32_LT(0x5D, "f32.lt", "ff>i", OpFamily.COMPARE),
    F32_GT(0x5E, "f32.gt", "ff>i", OpFamily.COMPARE),
    F32_LE(0x5F, "f32.le", "ff>i", OpFamily.COMPARE),
    F32_GE(0x60, "f32.ge", "ff>i", OpFamily.COMPARE),
    F64_EQ(0x61, "f64.eq", "FF>i", OpFamily.COMPARE),
    F64_NE(0x62, "f64.ne", "FF>i", OpFamily.COMPARE),
    F64_LT(0x63, "f64.lt", "FF>i", OpFamily.COMPARE),
    F64_GT(0x64, "f64.gt", "FF>i", OpFamily.COMPARE),
    F64_LE(0x65, "f64.le", "FF>i", OpFamily.COMPARE),
    F64_GE(0x66, "f64.ge", "FF>i", OpFamily.COMPARE),
    I32_CLZ(0x67, "i32.clz", "i>i", OpFamily.INT_BITS),
    I32_CTZ(0x68, "i32.ctz", "i>i", OpFamily.INT_BITS),
    I32_POPCNT(0x69, "i32.popcnt", "i>i", OpFamily.INT_BITS),
    I32_ADD(0x6A, "i32.add", "ii>i", OpFamily.INT_ARITH),
    I32_SUB(0x6B, "i32.sub", "ii>i", OpFamily.INT_ARITH),
    I32_MUL(0x6C, "i32.mul", "ii>i", OpFamily.INT_ARITH),
    I32_DIV_S(0x6D, "i32.div_s", "ii>i", OpFamily.INT_DIV_REM),
    I32_DIV_U(0x6E, "i32.div_u", "ii>i", OpFamily.INT_DIV_REM),
    I32_REM_S(0x6F, "i32.rem_s", "ii>i", OpFamily.INT_DIV_REM),
    I32_REM_U(0x70, "i32.rem_u", "ii>i", OpFamily.INT_DIV_REM),
    I32_AND(0x71, "i32.and", "ii>i", OpFamily.INT_ARITH),
    I32_OR(0x72, "i32.or", "ii>i", OpFamily.INT_ARITH),
    I32_XOR(0x73, "i32.xor", "ii>i", OpFamily.INT_ARITH),
    I32_SHL(0x74, "i32.shl", "ii>i", OpFamily.SHIFT_ROTATE),
    I32_SHR_S(0x75, "i32.shr_s", "ii>i", OpFamily.SHIFT_ROTATE),
    I32_SHR_U(0x76, "i32.shr_u", "ii>i", OpFamily.SHIFT_ROTATE),
    I32_ROTL(0x77, "i32.rotl", "ii>i", OpFamily.SHIFT_ROTATE),
    I32_ROTR(0x78, "i32.rotr", "ii>i", OpFamily.SHIFT_ROTATE),
    I64_CLZ(0x79, "i64.clz", "I>I", OpFamily.INT_BITS),
    I64_CTZ(0x7A, "i64.ctz", "I>I", OpFamily.INT_BITS),
    I64_POPCNT(0x7B, "i64.popcnt", "I>I", OpFamily.INT_BITS),
    I64_ADD(0x7C, "i64.add", "II>I", OpFamily.INT_ARITH),
    I64_SUB(0x7D, "i64.sub", "II>I", OpFamily.INT_ARITH),
    I64_MUL(0x7E, "i64.mul", "II>I", OpFamily.INT_ARITH),
    I64_DIV_S(0x7F, "i64.div_s", "II>I", OpFamily.INT_DIV_REM),
    I64_DIV_U(0x80, "i64.div_u", "II>I", OpFamily.INT_DIV_REM),
    I64_REM_S(0x81, "i64.rem_s", "II>I", OpFamily.INT_DIV_REM),
    I64_REM_U(0x82, "i64.rem_u", "II>I", OpFamily.INT_DIV_REM),
    I64_AND(0x83, "i64.and", "II>I", OpFamily.INT_ARITH),
    I64_OR(0x84, "i64.or", "II>I", OpFamily.INT_ARITH),
    I64_XOR(0x85, "i64.xor", "II>I", OpFamily.INT_ARITH),
    I64_SHL(0x86, "i64.shl", "II>I", OpFamily.SHIFT_ROTATE),
    I64_SHR_S(0x87, "i64.shr_s", "II>I", OpFamily.SHIFT_ROTATE),
    I64_SHR_U(0x88, "i64.shr_u", "II>I", OpFamily.SHIFT_ROTATE),
    I64_ROTL(0x89, "i64.rotl", "II>I", OpFamily.SHIFT_ROTATE),
    I64_ROTR(0x8A, "i64.rotr", "II>I", OpFamily.SHIFT_ROTATE),
    F32_ABS(0x8B, "f32.abs", "f>f", OpFamily.FLOAT_BITS),
    F32_NEG(0x8C, "f32.neg", "f>f", OpFamily.FLOAT_BITS),
    F32_CEIL(0x8D, "f32.ceil", "f>f", OpFamily.FLOAT_ARITH),
    F32_FLOOR(0x8E, "f32.floor", "f>f", OpFamily.FLOAT_ARITH),
    F32_TRUNC(0x8F, "f32.trunc", "f>f", OpFamily.FLOAT_ARITH),
    F32_NEAREST(0x90, "f32.nearest", "f>f", OpFamily.FLOAT_ARITH),
    F32_SQRT(0x91, "f32.sqrt", "f>f", OpFamily.FLOAT_ARITH),
    F32_ADD(0x92, "f32.add", "ff>f", OpFamily.FLOAT_ARITH),
    F32_SUB(0x93, "f32.sub", "ff>f", OpFamily.FLOAT_ARITH),
    F32_MUL(0x94, "f32.mul", "ff>f", OpFamily.FLOAT_ARITH),
    F32_DIV(0x95, "f32.div", "ff>f", OpFamily.FLOAT_ARITH),
    F32_MIN(0x96, "f32.min", "ff>f", OpFamily.FLOAT_ARITH),
    F32_MAX(0x97, "f32.max", "ff>f", OpFamily.FLOAT_ARITH),
    F32_COPYSIGN(0x98, "f32.copysign", "ff>f", OpFamily.FLOAT_BITS),
    F64_ABS(0x99, "f64.abs", "F>F", OpFamily.FLOAT_BITS),
    F64_NEG(0x9A, "f64.neg", "F>F", OpFamily.FLOAT_BITS),
    F64_CEIL(0x9B, "f64.ceil", "F>F", OpFamily.FLOAT_ARITH),
    F64_FLOOR(0x9C, "f64.floor", "F>F", OpFamily.FLOAT_ARITH),
    F64_TRUNC(0x9D, "f64.trunc", "F>F", OpFamily.FLOAT_ARITH),
    F64_NEAREST(0x9E, "f64.nearest", "F>F", OpFamily.FLOAT_ARITH),
    F64_SQRT(0x9F, "f64.sqrt", "F>F", OpFamily.FLOAT_ARITH),
    F64_ADD(0xA0, "f64.add", "FF>F", OpFamily.FLOAT_ARITH),
    F64_SUB(0xA1, "f64.sub", "FF>F", OpFamily.FLOAT_ARITH),
    F64_MUL(0xA2, "f64.mul", "FF>F", OpFamily.FLOAT_ARITH),
    F64_DIV(0xA3, "f64.div", "FF>F", OpFamily.FLOAT_ARITH),
    F64_MIN(0xA4, "f64.min", "FF>F", OpFamily.FLOAT_ARITH),
    F64_MAX(0xA5, "f64.max", "FF>F", OpFamily.FLOAT_ARITH),
    F64_COPYSIGN(0xA6, "f64.copysign", "FF>F", OpFamily.FLOAT_BITS),
    I32_WRAP_I64(0xA7, "i32.wrap_i64", "I>i", OpFamily.CONVERT),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", "f>i", OpFamily.TRUNC_TRAPPING),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", "f>i", OpFamily.TRUNC_TRAPPING),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", "F>i", OpFamily.TRUNC_TRAPPING),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", "F>i", OpFamily.TRUNC_TRAPPING),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", "i>I", OpFamily.CONVERT),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", "i>I", OpFamily.CONVERT),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", "f>I", OpFamily.TRUNC_TRAPPING),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", "f>I", OpFamily.TRUNC_TRAPPING),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", "F>I", OpFamily.TRUNC_TRAPPING),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", "F>I", OpFamily.TRUNC_TRAPPING),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", "i>f", OpFamily.CONVERT),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", "i>f", OpFamily.CONVERT),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", "I>f", OpFamily.CONVERT),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", "I>f", OpFamily.CONVERT),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", "F>f", OpFamily.CONVERT),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", "i>F", OpFamily.CONVERT),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", "i>F", OpFamily.CONVERT),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", "I>F", OpFamily.CONVERT),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", "I>F", OpFamily.CONVERT),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", "f>F", OpFamily.CONVERT),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", "f>i", OpFamily.REINTERPRET),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", "F>I", OpFamily.REINTERPRET),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", "i>f", OpFamily.REINTERPRET),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", "I>F", OpFamily.REINTERPRET),
    I32_EXTEND8_S(0xC0, "i32.extend8_s", "i>i", OpFamily.SIGN_EXTEND),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", "i>i", OpFamily.SIGN_EXTEND),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", "I>I", OpFamily.SIGN_EXTEND),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", "I>I", OpFamily.SIGN_EXTEND),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", "I>I", OpFamily.SIGN_EXTEND),
    I32_TRUNC_SAT_F32_S(0xFC00, "i32.trunc_sat_f32_s", "f>i", OpFamily.TRUNC_SAT),
    I32_TRUNC_SAT_F32_U(0xFC01, "i32.trunc_sat_f32_u", "f>i", OpFamily.TRUNC_SAT),
    I32_TRUNC_SAT_F64_S(0xFC02, "i32.trunc_sat_f64_s", "F>i", OpFamily.TRUNC_SAT),
    I32_TRUNC_SAT_F64_U(0xFC03, "i32.trunc_sat_f64_u", "F>i", OpFamily.TRUNC_SAT),
    I64_TRUNC_SAT_F32_S(0xFC04, "i64.trunc_sat_f32_s", "f>I", OpFamily.TRUNC_SAT),
    I64_TRUNC_SAT_F32_U(0xFC05, "i64.trunc_sat_f32_u", "f>I", OpFamily.TRUNC_SAT),
    I64_TRUNC_SAT_F64_S(0xFC06, "i64.trunc_sat_f64_s", "F>I", OpFamily.TRUNC_SAT),
    I64_TRUNC_SAT_F64_U(0xFC07, "i64.trunc_sat_f64_u", "F>I", OpFamily.TRUNC_SAT),
    MEMORY_INIT(0xFC08, "memory.init", "iii>", OpFamily.BULK_MEMORY),
    DATA_DROP(0xFC09, "data.drop", ">", OpFamily.BULK_MEMORY),
    MEMORY_COPY(0xFC0A, "memory.copy", "iii>", OpFamily.BULK_MEMORY),
    MEMORY_FILL(0xFC0B, "memory.fill", "iii>", OpFamily.BULK_MEMORY);

    public final int code;
    public final String mnemonic;
    public final OpFamily family;
    /** Natural alignment in bytes of a load or store, 0 otherwise. */
    public final int width;
    private final String sig;

    Op(int code, String mnemonic, String sig, OpFamily family) {
        this(code, mnemonic, sig, family, 0);
    }

    Op(int code, String mnemonic, String sig, OpFamily family, int width) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.sig = sig;
        this.family = family;
        this.width = width;
    }

    public boolean prefixed() {
        return code >= 0xFC00;
    }

    /** True for instructions typed by {@code sig} alone. */
    public boolean simple() {
        return sig != null;
    }

    /** The constant instruction of type {@code t}. */
    static Op constOf(ValueType t) {
        return switch (t) {
            case I32 -> I32_CONST;
            case I64 -> I64_CONST;
            case F32 -> F32_CONST;
            case F64 -> F64_CONST;
        };
    }

    public List<ValueType> params() {
        return types(sig.substring(0, sig.indexOf('>')));
    }

    public List<ValueType> results() {
        return types(sig.substring(sig.indexOf('>') + 1));
    }

    private static List<ValueType> types(String codes) {
        List<ValueType> out = new ArrayList<>(codes.length());
        for (char c : codes.toCharArray()) {
            out.add(switch (c) {
                case 'i' -> ValueType.I32;
                case 'I' -> ValueType.I64;
                case 'f' -> ValueType.F32;
                case 'F' -> ValueType.F64;
                default -> throw new IllegalStateException("bad signature " + codes);
            });
        }
        return List.copyOf(out);
    }
}
