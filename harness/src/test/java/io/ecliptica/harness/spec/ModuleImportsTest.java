package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import io.ecliptica.text.Wat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading imports from module binaries built from text with the project's own wat2wasm. */
class ModuleImportsTest {

    @Test
    void readsEveryKindInOrder() {
        byte[] wasm = Wat.toWasm("""
                (module
                  (type (func))
                  (import "a" "f" (func (param i32 f64) (result i64)))
                  (import "b" "m" (memory 1 2))
                  (import "c" "t" (table 3 funcref))
                  (import "d" "g" (global i32))
                  (import "d" "mg" (global (mut f32)))
                  (import "e" "v" (func (param v128))))
                """, "imports.wat");
        List<ModuleImports.Import> imports = ModuleImports.read(wasm).orElseThrow().imports();
        assertEquals(6, imports.size());
        ModuleImports.Import f = imports.get(0);
        assertEquals("a", f.module());
        assertEquals("f", f.name());
        assertEquals(ModuleImports.Kind.FUNCTION, f.kind());
        assertEquals(Optional.of(FunctionType.of(List.of(ValueType.I32, ValueType.F64), List.of(ValueType.I64))), f.type());
        assertEquals(List.of(ModuleImports.Kind.FUNCTION, ModuleImports.Kind.MEMORY, ModuleImports.Kind.TABLE,
                ModuleImports.Kind.GLOBAL, ModuleImports.Kind.GLOBAL, ModuleImports.Kind.FUNCTION),
                imports.stream().map(ModuleImports.Import::kind).toList());
        assertEquals(List.of(false, true, true, false, true, false),
                imports.stream().map(ModuleImports.Import::sharesState).toList());
        assertEquals(Optional.empty(), imports.get(5).type(), "a v128 signature cannot be expressed");
        assertEquals(Optional.of("unsupported import kind: memory"), ModuleImports.read(wasm).get().unsupported());
    }

    @Test
    void functionImportsWithNumericTypesAreSupported() {
        byte[] wasm = Wat.toWasm("(module (import \"spectest\" \"print_i32\" (func (param i32))) (memory 1))", "f.wat");
        ModuleImports imports = ModuleImports.read(wasm).orElseThrow();
        assertEquals(1, imports.imports().size());
        assertEquals(Optional.empty(), imports.unsupported());

        byte[] v128 = Wat.toWasm("(module (import \"m\" \"v\" (func (result v128))))", "v.wat");
        assertEquals(Optional.of("unsupported import type: v128 or reference"), ModuleImports.read(v128).get().unsupported());
    }

    @Test
    void moduleWithoutImportsAndMalformedBytes() {
        assertTrue(ModuleImports.read(Wat.toWasm("(module (func (export \"f\")))", "n.wat")).orElseThrow().imports().isEmpty());
        assertFalse(ModuleImports.read(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}).isPresent(), "wrong version");
        // Import section claiming one entry, then cut off.
        assertFalse(ModuleImports.read(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 2, 1, 1}).isPresent());
    }
}
