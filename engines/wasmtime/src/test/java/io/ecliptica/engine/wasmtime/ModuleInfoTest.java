package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;
import static io.ecliptica.engine.wasmtime.TestSupport.wasm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.FunctionType;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module reader, the code scanner and the start-function rewrite, on modules built by wat2wasm. */
class ModuleInfoTest {

    @Test
    void readsImportsExportsAndStart() {
        ModuleInfo numeric = ModuleInfo.parse(wasm("numeric"));
        assertEquals(FunctionType.of(List.of(I32, I64), List.of(I64, I32)), numeric.functionExports().get("swap"));
        assertEquals(FunctionType.of(List.of(), List.of()), numeric.functionExports().get("spin"));
        assertFalse(numeric.functionExports().containsKey("memory"));
        assertTrue(numeric.exportNames().contains("memory"));
        assertTrue(numeric.exportsMemory());
        assertEquals(-1, numeric.startFunction());
        assertEquals(List.of(), numeric.imports());

        ModuleInfo start = ModuleInfo.parse(wasm("start_host"));
        assertEquals(List.of(new ModuleInfo.Import("env", "poke", ModuleInfo.KIND_FUNC, FunctionType.of(List.of(I32, I32), List.of()))),
                start.imports());
        assertEquals(1, start.startFunction()); // function 0 is the import
        assertEquals(FunctionType.of(List.of(), List.of(I32)), start.functionExports().get("g"));

        ModuleInfo memoryImport = ModuleInfo.parse(wasm("import_memory"));
        assertEquals(ModuleInfo.KIND_MEMORY, memoryImport.imports().get(0).kind());
        assertFalse(memoryImport.exportsMemory());
    }

    @Test
    void findsTableInstructionsWithoutBeingFooledByImmediates() {
        assertEquals(new ModuleInfo.CodeFacts(true, false, true), ModuleInfo.parse(wasm("call_indirect")).code());
        assertEquals(new ModuleInfo.CodeFacts(false, true, true), ModuleInfo.parse(wasm("table_copy")).code());
        assertEquals(new ModuleInfo.CodeFacts(true, true, true), ModuleInfo.parse(wasm("table_both")).code());
        // i32.const 1660 is 41 FC 0C: the bytes of a table.init prefix inside an immediate
        assertEquals(new ModuleInfo.CodeFacts(true, false, true), ModuleInfo.parse(wasm("const_1660")).code());
        // every instruction kind numeric.wat uses is known to the scanner
        assertEquals(new ModuleInfo.CodeFacts(false, false, true), ModuleInfo.parse(wasm("numeric")).code());
    }

    @Test
    void rewritesTheStartFunctionIntoAnExport() {
        Engine engine = new Engine(new Config().wasmReferenceTypes(false).wasmBulkMemory(true));
        try {
            for (String name : List.of("start_host", "start_unreachable", "start_div")) {
                byte[] original = wasm(name);
                ModuleInfo before = ModuleInfo.parse(original);
                byte[] rewritten = StartRewriter.rewrite(original, before.startFunction(), "\u0000start");
                ModuleInfo after = ModuleInfo.parse(rewritten);
                assertEquals(-1, after.startFunction(), name);
                assertEquals(FunctionType.of(List.of(), List.of()), after.functionExports().get("\u0000start"), name);
                assertEquals(before.exportNames().size() + 1, after.exportNames().size(), name);
                assertEquals(before.imports(), after.imports(), name);
                Module.fromBinary(engine, rewritten).dispose(); // still a valid module
            }
        } finally {
            engine.dispose();
        }
    }

    @Test
    void encodesLeb128() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        StartRewriter.writeU32(out, 0);
        StartRewriter.writeU32(out, 127);
        StartRewriter.writeU32(out, 128);
        StartRewriter.writeU32(out, 624485); // the LEB128 example: E5 8E 26
        assertEquals("007f8001e58e26", java.util.HexFormat.of().formatHex(out.toByteArray()));
    }
}
