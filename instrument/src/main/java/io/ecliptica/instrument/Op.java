package io.ecliptica.instrument;

import static io.ecliptica.instrument.CostClass.*;

import java.util.HashMap;
import java.util.Map;

/**
 * Every instruction this instrumenter decodes: the WebAssembly 2.0 MVP, sign extension, saturating
 * float-to-int, bulk memory (on the one funcref table and the one memory) and multi-value. Opcodes
 * with the 0xFC prefix have {@code code = 0xFC00 | subopcode}.
 *
 * <p>{@code sig} is the operand typing of simple instructions, {@code "params>results"} with
 * {@code i}=i32, {@code I}=i64, {@code f}=f32, {@code F}=f64; {@code null} for the instructions the
 * validator types itself (control, variables, calls, memory, select, bulk).
 */
enum Op {
    UNREACHABLE(0x00, "unreachable", Imm.NONE, null, CONTROL),
    NOP(0x01, "nop", Imm.NONE, null, CONTROL),
    BLOCK(0x02, "block", Imm.BLOCKTYPE, null, CONTROL),
    LOOP(0x03, "loop", Imm.BLOCKTYPE, null, CONTROL),
    IF(0x04, "if", Imm.BLOCKTYPE, null, CONTROL),
    ELSE(0x05, "else", Imm.NONE, null, STRUCTURE),
    END(0x0B, "end", Imm.NONE, null, STRUCTURE),
    BR(0x0C, "br", Imm.LABEL, null, CONTROL),
    BR_IF(0x0D, "br_if", Imm.LABEL, null, CONTROL),
    BR_TABLE(0x0E, "br_table", Imm.BR_TABLE, null, CostClass.BR_TABLE),
    RETURN(0x0F, "return", Imm.NONE, null, CONTROL),
    CALL(0x10, "call", Imm.FUNC, null, CostClass.CALL),
    CALL_INDIRECT(0x11, "call_indirect", Imm.CALL_INDIRECT, null, CostClass.CALL_INDIRECT),
    DROP(0x1A, "drop", Imm.NONE, null, CONTROL),
    SELECT(0x1B, "select", Imm.NONE, null, CONTROL),
    SELECT_T(0x1C, "select", Imm.SELECT_T, null, CONTROL),

    LOCAL_GET(0x20, "local.get", Imm.LOCAL, null, LOCAL),
    LOCAL_SET(0x21, "local.set", Imm.LOCAL, null, LOCAL),
    LOCAL_TEE(0x22, "local.tee", Imm.LOCAL, null, LOCAL),
    GLOBAL_GET(0x23, "global.get", Imm.GLOBAL, null, GLOBAL),
    GLOBAL_SET(0x24, "global.set", Imm.GLOBAL, null, GLOBAL),

    I32_LOAD(0x28, "i32.load", Imm.MEMARG, "i>i", LOAD, 4),
    I64_LOAD(0x29, "i64.load", Imm.MEMARG, "i>I", LOAD, 8),
    F32_LOAD(0x2A, "f32.load", Imm.MEMARG, "i>f", LOAD, 4),
    F64_LOAD(0x2B, "f64.load", Imm.MEMARG, "i>F", LOAD, 8),
    I32_LOAD8_S(0x2C, "i32.load8_s", Imm.MEMARG, "i>i", LOAD, 1),
    I32_LOAD8_U(0x2D, "i32.load8_u", Imm.MEMARG, "i>i", LOAD, 1),
    I32_LOAD16_S(0x2E, "i32.load16_s", Imm.MEMARG, "i>i", LOAD, 2),
    I32_LOAD16_U(0x2F, "i32.load16_u", Imm.MEMARG, "i>i", LOAD, 2),
    I64_LOAD8_S(0x30, "i64.load8_s", Imm.MEMARG, "i>I", LOAD, 1),
    I64_LOAD8_U(0x31, "i64.load8_u", Imm.MEMARG, "i>I", LOAD, 1),
    I64_LOAD16_S(0x32, "i64.load16_s", Imm.MEMARG, "i>I", LOAD, 2),
    I64_LOAD16_U(0x33, "i64.load16_u", Imm.MEMARG, "i>I", LOAD, 2),
    I64_LOAD32_S(0x34, "i64.load32_s", Imm.MEMARG, "i>I", LOAD, 4),
    I64_LOAD32_U(0x35, "i64.load32_u", Imm.MEMARG, "i>I", LOAD, 4),
    I32_STORE(0x36, "i32.store", Imm.MEMARG, "ii>", STORE, 4),
    I64_STORE(0x37, "i64.store", Imm.MEMARG, "iI>", STORE, 8),
    F32_STORE(0x38, "f32.store", Imm.MEMARG, "if>", STORE, 4),
    F64_STORE(0x39, "f64.store", Imm.MEMARG, "iF>", STORE, 8),
    I32_STORE8(0x3A, "i32.store8", Imm.MEMARG, "ii>", STORE, 1),
    I32_STORE16(0x3B, "i32.store16", Imm.MEMARG, "ii>", STORE, 2),
    I64_STORE8(0x3C, "i64.store8", Imm.MEMARG, "iI>", STORE, 1),
    I64_STORE16(0x3D, "i64.store16", Imm.MEMARG, "iI>", STORE, 2),
    I64_STORE32(0x3E, "i64.store32", Imm.MEMARG, "iI>", STORE, 4),
    MEMORY_SIZE(0x3F, "memory.size", Imm.MEM, ">i", CostClass.MEMORY_SIZE),
    MEMORY_GROW(0x40, "memory.grow", Imm.MEM, "i>i", CostClass.MEMORY_GROW),

    I32_CONST(0x41, "i32.const", Imm.I32, ">i", CONST),
    I64_CONST(0x42, "i64.const", Imm.I64, ">I", CONST),
    F32_CONST(0x43, "f32.const", Imm.F32, ">f", CONST),
    F64_CONST(0x44, "f64.const", Imm.F64, ">F", CONST),

    I32_EQZ(0x45, "i32.eqz", "i>i", INT),
    I32_EQ(0x46, "i32.eq", "ii>i", INT),
    I32_NE(0x47, "i32.ne", "ii>i", INT),
    I32_LT_S(0x48, "i32.lt_s", "ii>i", INT),
    I32_LT_U(0x49, "i32.lt_u", "ii>i", INT),
    I32_GT_S(0x4A, "i32.gt_s", "ii>i", INT),
    I32_GT_U(0x4B, "i32.gt_u", "ii>i", INT),
    I32_LE_S(0x4C, "i32.le_s", "ii>i", INT),
    I32_LE_U(0x4D, "i32.le_u", "ii>i", INT),
    I32_GE_S(0x4E, "i32.ge_s", "ii>i", INT),
    I32_GE_U(0x4F, "i32.ge_u", "ii>i", INT),
    I64_EQZ(0x50, "i64.eqz", "I>i", INT),
    I64_EQ(0x51, "i64.eq", "II>i", INT),
    I64_NE(0x52, "i64.ne", "II>i", INT),
    I64_LT_S(0x53, "i64.lt_s", "II>i", INT),
    I64_LT_U(0x54, "i64.lt_u", "II>i", INT),
    I64_GT_S(0x55, "i64.gt_s", "II>i", INT),
    I64_GT_U(0x56, "i64.gt_u", "II>i", INT),
    I64_LE_S(0x57, "i64.le_s", "II>i", INT),
    I64_LE_U(0x58, "i64.le_u", "II>i", INT),
    I64_GE_S(0x59, "i64.ge_s", "II>i", INT),
    I64_GE_U(0x5A, "i64.ge_u", "II>i", INT),
    F32_EQ(0x5B, "f32.eq", "ff>i", FLOAT),
    F32_NE(0x5C, "f32.ne", "ff>i", FLOAT),
    F32_LT(0x5D, "f32.lt", "ff>i", FLOAT),
    F32_GT(0x5E, "f32.gt", "ff>i", FLOAT),
    F32_LE(0x5F, "f32.le", "ff>i", FLOAT),
    F32_GE(0x60, "f32.ge", "ff>i", FLOAT),
    F64_EQ(0x61, "f64.eq", "FF>i", FLOAT),
    F64_NE(0x62, "f64.ne", "FF>i", FLOAT),
    F64_LT(0x63, "f64.lt", "FF>i", FLOAT),
    F64_GT(0x64, "f64.gt", "FF>i", FLOAT),
    F64_LE(0x65, "f64.le", "FF>i", FLOAT),
    F64_GE(0x66, "f64.ge", "FF>i", FLOAT),

    I32_CLZ(0x67, "i32.clz", "i>i", INT),
    I32_CTZ(0x68, "i32.ctz", "i>i", INT),
    I32_POPCNT(0x69, "i32.popcnt", "i>i", INT),
    I32_ADD(0x6A, "i32.add", "ii>i", INT),
    I32_SUB(0x6B, "i32.sub", "ii>i", INT),
    I32_MUL(0x6C, "i32.mul", "ii>i", INT_MUL),
    I32_DIV_S(0x6D, "i32.div_s", "ii>i", INT_DIV),
    I32_DIV_U(0x6E, "i32.div_u", "ii>i", INT_DIV),
    I32_REM_S(0x6F, "i32.rem_s", "ii>i", INT_DIV),
    I32_REM_U(0x70, "i32.rem_u", "ii>i", INT_DIV),
    I32_AND(0x71, "i32.and", "ii>i", INT),
    I32_OR(0x72, "i32.or", "ii>i", INT),
    I32_XOR(0x73, "i32.xor", "ii>i", INT),
    I32_SHL(0x74, "i32.shl", "ii>i", INT),
    I32_SHR_S(0x75, "i32.shr_s", "ii>i", INT),
    I32_SHR_U(0x76, "i32.shr_u", "ii>i", INT),
    I32_ROTL(0x77, "i32.rotl", "ii>i", INT),
    I32_ROTR(0x78, "i32.rotr", "ii>i", INT),
    I64_CLZ(0x79, "i64.clz", "I>I", INT),
    I64_CTZ(0x7A, "i64.ctz", "I>I", INT),
    I64_POPCNT(0x7B, "i64.popcnt", "I>I", INT),
    I64_ADD(0x7C, "i64.add", "II>I", INT),
    I64_SUB(0x7D, "i64.sub", "II>I", INT),
    I64_MUL(0x7E, "i64.mul", "II>I", INT_MUL),
    I64_DIV_S(0x7F, "i64.div_s", "II>I", INT_DIV),
    I64_DIV_U(0x80, "i64.div_u", "II>I", INT_DIV),
    I64_REM_S(0x81, "i64.rem_s", "II>I", INT_DIV),
    I64_REM_U(0x82, "i64.rem_u", "II>I", INT_DIV),
    I64_AND(0x83, "i64.and", "II>I", INT),
    I64_OR(0x84, "i64.or", "II>I", INT),
    I64_XOR(0x85, "i64.xor", "II>I", INT),
    I64_SHL(0x86, "i64.shl", "II>I", INT),
    I64_SHR_S(0x87, "i64.shr_s", "II>I", INT),
    I64_SHR_U(0x88, "i64.shr_u", "II>I", INT),
    I64_ROTL(0x89, "i64.rotl", "II>I", INT),
    I64_ROTR(0x8A, "i64.rotr", "II>I", INT),

    F32_ABS(0x8B, "f32.abs", "f>f", FLOAT),
    F32_NEG(0x8C, "f32.neg", "f>f", FLOAT),
    F32_CEIL(0x8D, "f32.ceil", "f>f", FLOAT, true),
    F32_FLOOR(0x8E, "f32.floor", "f>f", FLOAT, true),
    F32_TRUNC(0x8F, "f32.trunc", "f>f", FLOAT, true),
    F32_NEAREST(0x90, "f32.nearest", "f>f", FLOAT, true),
    F32_SQRT(0x91, "f32.sqrt", "f>f", FLOAT_DIV, true),
    F32_ADD(0x92, "f32.add", "ff>f", FLOAT, true),
    F32_SUB(0x93, "f32.sub", "ff>f", FLOAT, true),
    F32_MUL(0x94, "f32.mul", "ff>f", FLOAT_MUL, true),
    F32_DIV(0x95, "f32.div", "ff>f", FLOAT_DIV, true),
    F32_MIN(0x96, "f32.min", "ff>f", FLOAT, true),
    F32_MAX(0x97, "f32.max", "ff>f", FLOAT, true),
    F32_COPYSIGN(0x98, "f32.copysign", "ff>f", FLOAT),
    F64_ABS(0x99, "f64.abs", "F>F", FLOAT),
    F64_NEG(0x9A, "f64.neg", "F>F", FLOAT),
    F64_CEIL(0x9B, "f64.ceil", "F>F", FLOAT, true),
    F64_FLOOR(0x9C, "f64.floor", "F>F", FLOAT, true),
    F64_TRUNC(0x9D, "f64.trunc", "F>F", FLOAT, true),
    F64_NEAREST(0x9E, "f64.nearest", "F>F", FLOAT, true),
    F64_SQRT(0x9F, "f64.sqrt", "F>F", FLOAT_DIV, true),
    F64_ADD(0xA0, "f64.add", "FF>F", FLOAT, true),
    F64_SUB(0xA1, "f64.sub", "FF>F", FLOAT, true),
    F64_MUL(0xA2, "f64.mul", "FF>F", FLOAT_MUL, true),
    F64_DIV(0xA3, "f64.div", "FF>F", FLOAT_DIV, true),
    F64_MIN(0xA4, "f64.min", "FF>F", FLOAT, true),
    F64_MAX(0xA5, "f64.max", "FF>F", FLOAT, true),
    F64_COPYSIGN(0xA6, "f64.copysign", "FF>F", FLOAT),

    I32_WRAP_I64(0xA7, "i32.wrap_i64", "I>i", INT),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", "f>i", FLOAT_TO_INT),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", "f>i", FLOAT_TO_INT),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", "F>i", FLOAT_TO_INT),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", "F>i", FLOAT_TO_INT),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", "i>I", INT),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", "i>I", INT),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", "f>I", FLOAT_TO_INT),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", "f>I", FLOAT_TO_INT),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", "F>I", FLOAT_TO_INT),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", "F>I", FLOAT_TO_INT),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", "i>f", FLOAT),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", "i>f", FLOAT),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", "I>f", FLOAT),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", "I>f", FLOAT),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", "F>f", FLOAT, true),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", "i>F", FLOAT),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", "i>F", FLOAT),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", "I>F", FLOAT),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", "I>F", FLOAT),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", "f>F", FLOAT, true),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", "f>i", FLOAT),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", "F>I", FLOAT),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", "i>f", FLOAT),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", "I>F", FLOAT),

    I32_EXTEND8_S(0xC0, "i32.extend8_s", "i>i", INT),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", "i>i", INT),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", "I>I", INT),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", "I>I", INT),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", "I>I", INT),

    I32_TRUNC_SAT_F32_S(0xFC00, "i32.trunc_sat_f32_s", "f>i", FLOAT_TO_INT),
    I32_TRUNC_SAT_F32_U(0xFC01, "i32.trunc_sat_f32_u", "f>i", FLOAT_TO_INT),
    I32_TRUNC_SAT_F64_S(0xFC02, "i32.trunc_sat_f64_s", "F>i", FLOAT_TO_INT),
    I32_TRUNC_SAT_F64_U(0xFC03, "i32.trunc_sat_f64_u", "F>i", FLOAT_TO_INT),
    I64_TRUNC_SAT_F32_S(0xFC04, "i64.trunc_sat_f32_s", "f>I", FLOAT_TO_INT),
    I64_TRUNC_SAT_F32_U(0xFC05, "i64.trunc_sat_f32_u", "f>I", FLOAT_TO_INT),
    I64_TRUNC_SAT_F64_S(0xFC06, "i64.trunc_sat_f64_s", "F>I", FLOAT_TO_INT),
    I64_TRUNC_SAT_F64_U(0xFC07, "i64.trunc_sat_f64_u", "F>I", FLOAT_TO_INT),
    MEMORY_INIT(0xFC08, "memory.init", Imm.DATA_MEM, "iii>", BULK),
    DATA_DROP(0xFC09, "data.drop", Imm.DATA, ">", DROP_SEGMENT),
    MEMORY_COPY(0xFC0A, "memory.copy", Imm.MEM_MEM, "iii>", BULK),
    MEMORY_FILL(0xFC0B, "memory.fill", Imm.MEM, "iii>", BULK),
    TABLE_INIT(0xFC0C, "table.init", Imm.ELEM_TABLE, "iii>", BULK),
    ELEM_DROP(0xFC0D, "elem.drop", Imm.ELEM, ">", DROP_SEGMENT),
    TABLE_COPY(0xFC0E, "table.copy", Imm.TABLE_TABLE, "iii>", BULK),

    /** {@code ref.null func}: only inside element-segment expressions (reference types are rejected in code). */
    REF_NULL(0xD0, "ref.null", Imm.NONE, null, CONST),
    /** {@code ref.func}: only inside element-segment expressions. */
    REF_FUNC(0xD2, "ref.func", Imm.FUNC, null, CONST);

    /** Kinds of immediates. */
    enum Imm {
        NONE, BLOCKTYPE, LABEL, BR_TABLE, FUNC, CALL_INDIRECT, LOCAL, GLOBAL, MEMARG, MEM, MEM_MEM,
        I32, I64, F32, F64, SELECT_T, DATA_MEM, DATA, ELEM_TABLE, ELEM, TABLE_TABLE
    }

    final int code;
    final String mnemonic;
    final Imm imm;
    final String sig;
    final CostClass costClass;
    /** True for the float operations whose NaN result bits are not fixed by the spec (canonicalized). */
    final boolean nanProducing;
    /** Natural alignment in bytes of a load/store, 0 otherwise. */
    final int width;

    Op(int code, String mnemonic, Imm imm, String sig, CostClass cc) {
        this(code, mnemonic, imm, sig, cc, false, 0);
    }

    Op(int code, String mnemonic, Imm imm, String sig, CostClass cc, int width) {
        this(code, mnemonic, imm, sig, cc, false, width);
    }

    Op(int code, String mnemonic, String sig, CostClass cc) {
        this(code, mnemonic, Imm.NONE, sig, cc, false, 0);
    }

    Op(int code, String mnemonic, String sig, CostClass cc, boolean nan) {
        this(code, mnemonic, Imm.NONE, sig, cc, nan, 0);
    }

    Op(int code, String mnemonic, Imm imm, String sig, CostClass cc, boolean nan, int width) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.imm = imm;
        this.sig = sig;
        this.costClass = cc;
        this.nanProducing = nan;
        this.width = width;
    }

    boolean prefixed() {
        return code >= 0xFC00;
    }

    /** The opcode in the documented notation: {@code 0x6a} or {@code 0xfc 0x0b}. */
    String hex() {
        return prefixed() ? String.format("0xfc 0x%02x", code & 0xFF) : String.format("0x%02x", code);
    }

    private static final Map<Integer, Op> BY_CODE = new HashMap<>();

    static {
        for (Op op : values()) {
            BY_CODE.put(op.code, op);
        }
    }

    /** The instruction with this code ({@code 0xFC00 | sub} for prefixed ones), or null. */
    static Op of(int code) {
        return BY_CODE.get(code);
    }

    /** True for the instructions that may appear in function bodies. */
    boolean inCode() {
        return this != REF_NULL && this != REF_FUNC;
    }
}
