package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feature gate and limits of ecliptica-v1 (docs/gas.md §Feature gate and limits). Offsets are
 * checked on hand-written binaries (the offset is given in the comment) or, for modules from WAT,
 * located in wabt's output independently of this instrumenter.
 */
class FeatureGateTest {

    static final String HEADER = "0061736d 01000000 ";
    /** Type section () -> () at 8..13, function section with one function at 14..17. */
    static final String ONE_FUNC = HEADER + "01040160 0000 03020100 ";

    static ModuleRejectedException rejected(byte[] wasm) {
        return assertThrows(ModuleRejectedException.class, () -> Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1));
    }

    static ModuleRejectedException rejected(String wat, String... flags) {
        return rejected(TestSupport.wat(wat, flags));
    }

    static byte[] hex(String s) {
        return RoundTripTest.hex(s);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void assertRejected(ModuleRejectedException e, String feature, long offset) {
        assertEquals(feature, e.feature(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid: " + feature + " at offset " + offset), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    // ---- rejected features -------------------------------------------------------------------

    @Test
    void simdInstructionIsRejectedAtItsOpcode() {
        // code section at 18: id, size, count (20), body size (21), local groups (22), v128.const at 23
        byte[] wasm = hex(ONE_FUNC + "0a17 01 15 00 fd0c 00000000000000000000000000000000 1a 0b");
        ModuleRejectedException e = rejected(wasm);
        assertRejected(e, Features.SIMD, 23);
        assertEquals("invalid: simd at offset 23: SIMD instruction (0xfd prefix)", e.getMessage());
    }

    @Test
    void simdValueTypeIsRejected() {
        // type section: 8 id, 9 size, 10 count, 11 form 0x60, 12 param count, 13 v128
        assertRejected(rejected(hex(HEADER + "0105 01 60 01 7b 00")), Features.SIMD, 13);
    }

    @Test
    void atomicsAndSharedMemoryAreThreads() {
        // atomic.fence (0xfe 0x03 0x00) at 23
        assertRejected(rejected(hex(ONE_FUNC + "0a07 01 05 00 fe0300 0b")), Features.THREADS, 23);
        // memory section: 8 id, 9 size, 10 count, 11 limits flags 0x03 (shared, with max)
        assertRejected(rejected(hex(HEADER + "0504 01 03 01 01")), Features.THREADS, 11);
    }

    @Test
    void referenceTypesAreRejected() {
        // ref.null func at 23
        assertRejected(rejected(hex(ONE_FUNC + "0a07 01 05 00 d070 1a 0b")), Features.REFERENCE_TYPES, 23);
        byte[] tableGet = TestSupport.wat("(module (table 1 funcref) (func (drop (table.get 0 (i32.const 0)))))");
        assertRejected(rejected(tableGet), Features.REFERENCE_TYPES, indexOf(tableGet, hex("41 00 25 00")) + 2);
        byte[] tableSize = TestSupport.wat("(module (table 1 funcref) (func (drop (table.size 0))))");
        assertRejected(rejected(tableSize), Features.REFERENCE_TYPES, indexOf(tableSize, hex("fc 10 00")));
        assertEquals(Features.REFERENCE_TYPES, rejected("(module (func (param externref)))").feature());
        assertEquals(Features.REFERENCE_TYPES, rejected("(module (func (local funcref)))").feature());
        assertEquals(Features.REFERENCE_TYPES, rejected("(module (table 1 funcref) (table 1 funcref))").feature());
        assertEquals(Features.REFERENCE_TYPES, rejected("(module (global funcref (ref.null func)))").feature());
        assertEquals(Features.REFERENCE_TYPES, rejected("""
                (module (func (param externref externref i32) (result externref)
                  local.get 0 local.get 1 local.get 2 select (result externref)))""").feature());
    }

    /**
     * Encodings that came with reference types but are legal with only numeric values: wasmtime
     * refuses them with reference types off (the spec run found both), so the gate does too.
     */
    @Test
    void typedSelectAndElementExpressionsAreRejectedAsReferenceTypes() {
        byte[] typedSelect = TestSupport.wat(
                "(module (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))");
        // 0x1c is the typed select opcode, right after the three i32.const instructions
        assertRejected(rejected(typedSelect), Features.REFERENCE_TYPES, indexOf(typedSelect, hex("41 00 1c 01 7f")) + 2);
        byte[] elemExprs = TestSupport.wat("(module (table 1 funcref) (func $f) (elem (i32.const 0) funcref (ref.func $f) (ref.null func)))");
        ModuleRejectedException e = rejected(elemExprs);
        assertEquals(Features.REFERENCE_TYPES, e.feature());
        assertTrue(e.getMessage().contains("element expressions"), e.getMessage());
    }

    @Test
    void multipleMemoriesAreRejected() {
        // memory section: 8 id, 9 size, 10 count 2, 11-12 first memory, 13 second memory
        assertRejected(rejected(hex(HEADER + "0505 02 0001 0001")), Features.MULTI_MEMORY, 13);
        assertEquals(Features.MULTI_MEMORY,
                rejected("(module (memory 1) (memory 1))", "--enable-multi-memory").feature());
    }

    @Test
    void tailCallsAreRejected() {
        // return_call 0 at 23
        assertRejected(rejected(hex(ONE_FUNC + "0a06 01 04 00 1200 0b")), Features.TAIL_CALL, 23);
        assertEquals(Features.TAIL_CALL, rejected("(module (func $f (return_call $f)))", "--enable-tail-call").feature());
    }

    @Test
    void exceptionsAreRejected() {
        // a tag section (id 13) at 8
        assertRejected(rejected(hex(HEADER + "0d03 01 00 00")), Features.EXCEPTIONS, 8);
        // try (0x06) at 23
        assertRejected(rejected(hex(ONE_FUNC + "0a07 01 05 00 0640 0b 0b")), Features.EXCEPTIONS, 23);
    }

    @Test
    void gcIsRejected() {
        // type section: 8 id, 9 size, 10 count, 11 struct form 0x5f
        assertRejected(rejected(hex(HEADER + "0103 01 5f 00")), Features.GC, 11);
        // a 0xfb-prefixed instruction at 23
        assertRejected(rejected(hex(ONE_FUNC + "0a07 01 05 00 fb1c 00 0b")), Features.GC, 23);
    }

    @Test
    void memory64IsRejected() {
        // memory section: 11 limits flags 0x04
        assertRejected(rejected(hex(HEADER + "0503 01 04 01")), Features.MEMORY64, 11);
    }

    @Test
    void decoderFeaturesComeBeforeGateRules() {
        // an import the gate would reject (module "env"), and SIMD later in the code section
        byte[] wasm = TestSupport.wat("""
                (module (import "env" "f" (func)) (func (drop (v128.const i64x2 0 0))))""");
        assertEquals(Features.SIMD, rejected(wasm).feature());
    }

    // ---- accepted features -------------------------------------------------------------------

    @Test
    void bulkMemoryMultiValueSignExtensionAndSaturationAreAccepted() {
        byte[] wasm = TestSupport.wat("""
                (module (memory 1 1) (data $d "abc")
                  (func (export "bulk") (memory.fill (i32.const 0) (i32.const 1) (i32.const 10))
                    (memory.copy (i32.const 10) (i32.const 0) (i32.const 10))
                    (memory.init $d (i32.const 20) (i32.const 0) (i32.const 3)) (data.drop $d))
                  (func (export "mv") (result i32 i64) (block (result i32 i64) (i32.const 1) (i64.const 2)))
                  (func (export "sx") (param i32) (result i32) (i32.extend8_s (local.get 0)))
                  (func (export "sat") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0))))
                """);
        Prepared p = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1);
        Run r = Run.of(p.wasm());
        r.call("bulk");
        assertArrayEquals(new long[] {1, 2}, r.call("mv"));
        assertArrayEquals(new long[] {-128}, new long[] {(int) r.call("sx", 0x80)[0]});
        assertArrayEquals(new long[] {Integer.MAX_VALUE}, r.call("sat", Float.floatToRawIntBits(1e20f)));
    }

    // ---- limits ------------------------------------------------------------------------------

    @Test
    void memoryLimits() {
        byte[] big = TestSupport.wat("(module (memory 1025))");
        assertRejected(rejected(big), Features.LIMIT_MEMORY_PAGES, indexOf(big, hex("05 04 01 00 81 08")) + 3);
        Instrumenter.prepare(TestSupport.wat("(module (memory 1024))"), Profile.ECLIPTICA_V1);
        assertEquals(1024, maxPages("(module (memory 1))"), "no maximum: capped at 1024");
        assertEquals(1024, maxPages("(module (memory 1 65536))"), "a larger maximum: capped at 1024");
        assertEquals(80, maxPages("(module (memory 1 80))"), "a smaller maximum stays");
    }

    static int maxPages(String wat) {
        byte[] out = Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1).wasm();
        return Run.parse(out).memorySection().orElseThrow().getMemory(0).limits().maximumPages();
    }

    @Test
    void growingPastTheCapFailsDeterministically() {
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat("""
                (module (memory 1) (func (export "g") (param i32) (result i32) (memory.grow (local.get 0))))"""),
                Profile.ECLIPTICA_V1).wasm());
        assertEquals(1, r.call("g", 1023)[0]);
        assertEquals(0xFFFF_FFFFL, r.call("g", 1)[0] & 0xFFFF_FFFFL);
    }

    @Test
    void importRules() {
        byte[] wasi = TestSupport.wat("(module (import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32 i32 i32 i32) (result i32))))");
        // the import entry starts with the module name's length byte (22)
        assertRejected(rejected(wasi), Features.WASI, indexOf(wasi, hex("16 77617369")));
        assertEquals(Features.IMPORT, rejected("(module (import \"env\" \"memcpy\" (func)))").feature());
        assertEquals(Features.IMPORT, rejected("(module (import \"ecliptica\" \"sleep\" (func)))").feature());
        ModuleRejectedException sig = rejected("(module (import \"ecliptica\" \"storage_write\" (func (param i32 i32))))");
        assertEquals(Features.IMPORT, sig.feature());
        assertTrue(sig.getMessage().contains("(i32 i32 i32 i32) -> ()"), sig.getMessage());
        ModuleRejectedException reserved = rejected(
                "(module (import \"ecliptica\" \"crypto_ml_kem_768_encapsulate\" (func (param i32 i32 i32 i32))))");
        assertTrue(reserved.getMessage().contains("reserved, not yet callable"), reserved.getMessage());
        assertEquals(Features.IMPORT, rejected("(module (import \"ecliptica\" \"memory\" (memory 1)))").feature());
        assertEquals(Features.IMPORT, rejected("(module (import \"ecliptica\" \"g\" (global i32)))").feature());
        // every ABI v1 function with its signature is accepted
        Instrumenter.prepare(TestSupport.wat("""
                (module
                  (import "ecliptica" "input_size" (func (result i32)))
                  (import "ecliptica" "input_read" (func (param i32 i32 i32)))
                  (import "ecliptica" "storage_read" (func (param i32 i32 i32 i32) (result i32)))
                  (import "ecliptica" "storage_write" (func (param i32 i32 i32 i32)))
                  (import "ecliptica" "storage_remove" (func (param i32 i32) (result i32)))
                  (import "ecliptica" "return_data" (func (param i32 i32)))
                  (import "ecliptica" "emit_event" (func (param i32 i32 i32 i32)))
                  (import "ecliptica" "caller" (func (param i32)))
                  (import "ecliptica" "self_address" (func (param i32)))
                  (import "ecliptica" "block_height" (func (result i64)))
                  (import "ecliptica" "block_time" (func (result i64)))
                  (import "ecliptica" "revert" (func (param i32 i32)))
                  (import "ecliptica" "abort" (func (param i32 i32)))
                  (import "ecliptica" "crypto_sha256" (func (param i32 i32 i32))))"""), Profile.ECLIPTICA_V1);
    }

    @Test
    void reservedExportNames() {
        byte[] wasm = TestSupport.wat("(module (global (export \"__ecliptica_gas\") i64 (i64.const 5)))");
        assertEquals(Features.RESERVED_EXPORT, rejected(wasm).feature());
        assertEquals(Features.RESERVED_EXPORT, rejected("(module (func (export \"__eclipticaX\")))").feature());
    }

    @Test
    void hostFunctionsMayNotGoIntoTables() {
        assertEquals(Features.HOST_FUNCTION_IN_TABLE, rejected("""
                (module (import "ecliptica" "return_data" (func $r (param i32 i32)))
                  (table 1 funcref) (elem (i32.const 0) $r))""").feature());
    }

    @Test
    void countLimits() {
        StringBuilder funcs = new StringBuilder("(module");
        funcs.append(" (func)".repeat(10_001)).append(')');
        assertEquals(Features.LIMIT_FUNCTIONS, rejected(funcs.toString()).feature());
        Instrumenter.prepare(TestSupport.wat("(module" + " (func)".repeat(10_000) + ")"), Profile.ECLIPTICA_V1);

        // parameters count: 1 + 4096 locals is one too many, 1 + 4095 fits
        assertEquals(Features.LIMIT_LOCALS, rejected("(module (func (param i32) (local" + " i64".repeat(4096) + ")))").feature());
        Instrumenter.prepare(TestSupport.wat("(module (func (param i32) (local" + " i32".repeat(4095) + ")))"), Profile.ECLIPTICA_V1);

        assertEquals(Features.LIMIT_GLOBALS, rejected("(module" + " (global i32 (i32.const 0))".repeat(1025) + ")").feature());
        Instrumenter.prepare(TestSupport.wat("(module" + " (global i32 (i32.const 0))".repeat(1024) + ")"), Profile.ECLIPTICA_V1);

        assertEquals(Features.LIMIT_TABLE_SIZE, rejected("(module (table 4097 funcref))").feature());
        Instrumenter.prepare(TestSupport.wat("(module (table 4096 funcref))"), Profile.ECLIPTICA_V1);

        StringBuilder exports = new StringBuilder("(module (func $f)");
        for (int i = 0; i < 1025; i++) {
            exports.append(" (export \"e").append(i).append("\" (func $f))");
        }
        assertEquals(Features.LIMIT_EXPORTS, rejected(exports.append(')').toString()).feature());

        assertEquals(Features.LIMIT_PARAMS, rejected("(module (func (param" + " i32".repeat(65) + ")))").feature());
        String imp = " (import \"ecliptica\" \"input_size\" (func (result i32)))";
        assertEquals(Features.LIMIT_IMPORTS, rejected("(module" + imp.repeat(65) + ")").feature());
        Instrumenter.prepare(TestSupport.wat("(module" + imp.repeat(64) + ")"), Profile.ECLIPTICA_V1);
        assertEquals(Features.LIMIT_RESULTS, rejected("(module (func (result" + " i32".repeat(17) + ") unreachable))").feature());
    }

    @Test
    void malformedAndInvalidModulesAreRejectedAsSuch() {
        assertRejected(rejected(new byte[] {1, 2, 3, 4}), Features.MALFORMED, 0);
        assertEquals("invalid: malformed at offset 0: magic header not detected", rejected(new byte[] {1, 2, 3, 4}).getMessage());
        // a function returning i32 whose body is empty: type mismatch at its end (offset 22)
        byte[] invalid = hex(HEADER + "0105 01 60 00 01 7f 03020100 0a04 01 02 00 0b");
        assertEquals(Features.INVALID, rejected(invalid).feature());
        // a start function of the wrong type would become valid without its start section: invalid
        assertEquals(Features.INVALID, rejected(hex(HEADER + "0105 01 60 00 01 7f 03020100 0801 00 0a06 01 04 00 4100 0b")).feature());
    }

    @Test
    void noneProfilePassesAnythingThroughUntouched() {
        byte[] simd = hex(ONE_FUNC + "0a17 01 15 00 fd0c 00000000000000000000000000000000 1a 0b");
        Prepared p = Instrumenter.prepare(simd, Profile.NONE);
        assertArrayEquals(simd, p.wasm());
        assertFalse(p.metered());
        assertEquals("none", p.profileId());
        byte[] garbage = {9, 9, 9};
        assertArrayEquals(garbage, Instrumenter.prepare(garbage, Profile.NONE).wasm());
    }

    @Test
    void addedImportsAndExportsAreTheDocumentedOnes() {
        byte[] out = Instrumenter.prepare(TestSupport.wat("(module (func (export \"f\")))"), Profile.ECLIPTICA_V1).wasm();
        var m = Run.parse(out);
        var imports = m.importSection();
        assertEquals(2, imports.importCount());
        assertEquals("__ecliptica", imports.getImport(0).module());
        assertEquals("out_of_gas", imports.getImport(0).name());
        assertEquals("stack_exhausted", imports.getImport(1).name());
        List<String> exports = new java.util.ArrayList<>();
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            exports.add(m.exportSection().getExport(i).name());
        }
        assertEquals(List.of("f", "__ecliptica_gas", "__ecliptica_stack", "__ecliptica_gas_set", "__ecliptica_gas_left",
                "__ecliptica_stack_reset"), exports);
    }

    @Test
    void gasAccessorsSetAndReadTheGasGlobal() {
        byte[] out = Instrumenter.prepare(TestSupport.wat("(module (func (export \"f\")))"), Profile.ECLIPTICA_V1).wasm();
        var instance = com.dylibso.chicory.runtime.Instance.builder(Run.parse(out))
                .withImportValues(com.dylibso.chicory.runtime.ImportValues.builder()
                        .addFunction(new com.dylibso.chicory.runtime.HostFunction("__ecliptica", "out_of_gas",
                                com.dylibso.chicory.wasm.types.FunctionType.of(List.of(), List.of()), (inst, args) -> null))
                        .addFunction(new com.dylibso.chicory.runtime.HostFunction("__ecliptica", "stack_exhausted",
                                com.dylibso.chicory.wasm.types.FunctionType.of(List.of(), List.of()), (inst, args) -> null))
                        .build())
                .build();
        instance.export("__ecliptica_gas_set").apply(12345L);
        assertEquals(12345L, instance.exports().global("__ecliptica_gas").getValue());
        assertEquals(12345L, instance.export("__ecliptica_gas_left").apply()[0]);
        instance.exports().global("__ecliptica_gas").setValue(-7L);
        assertEquals(-7L, instance.export("__ecliptica_gas_left").apply()[0]);
        instance.exports().global("__ecliptica_stack").setValue(42L);
        instance.export("__ecliptica_stack_reset").apply();
        assertEquals(0L, instance.exports().global("__ecliptica_stack").getValue());
    }
}
