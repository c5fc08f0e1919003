package io.ecliptica.engine.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The binary reader against adapter.wat / imports_memory.wat, whose signatures are read off the source. */
class ModuleSignaturesTest {

    private static FunctionType fn(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
    }

    @Test
    void readsImportsInOrderWithTheirTypes() {
        ModuleSignatures s = ModuleSignatures.read(Fixtures.wasm("adapter"));
        assertEquals(List.of(
                new ModuleSignatures.Import("h", "f32id", "function", Optional.of(fn(List.of(ValueType.F32), List.of(ValueType.F32)))),
                new ModuleSignatures.Import("h", "f64id", "function", Optional.of(fn(List.of(ValueType.F64), List.of(ValueType.F64)))),
                new ModuleSignatures.Import("h", "pair", "function",
                        Optional.of(fn(List.of(ValueType.I32), List.of(ValueType.I32, ValueType.I64)))),
                new ModuleSignatures.Import("h", "tick", "function", Optional.of(fn(List.of(), List.of())))),
                s.imports());
    }

    @Test
    void readsFunctionExportsAfterTheImportedFunctions() {
        ModuleSignatures s = ModuleSignatures.read(Fixtures.wasm("adapter"));
        // Function indices 0-3 are imports; pair_sum is defined function 4 of the module source.
        assertEquals(Optional.of(fn(List.of(ValueType.I32), List.of(ValueType.I64))), s.functionExports().get("pair_sum"));
        assertEquals(Optional.of(fn(List.of(), List.of())), s.functionExports().get("tick_forever"));
        assertFalse(s.functionExports().containsKey("memory"), "memory is not a function export");
        assertEquals(8, s.functionExports().size()); // f32_id f64_id via_host_f32 via_host_f64 pair_sum tick_forever count depth
    }

    @Test
    void recognisesNonFunctionImports() {
        ModuleSignatures s = ModuleSignatures.read(Fixtures.wasm("imports_memory"));
        assertEquals(1, s.imports().size());
        assertFalse(s.imports().get(0).isFunction());
        assertEquals("memory", s.imports().get(0).kind());
        assertTrue(s.functionExports().containsKey("f"));
    }
}
