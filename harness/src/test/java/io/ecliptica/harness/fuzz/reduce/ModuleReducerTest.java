package io.ecliptica.harness.fuzz.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.fuzz.gen.GeneratedModule;
import io.ecliptica.harness.fuzz.gen.GeneratorConfig;
import io.ecliptica.harness.fuzz.gen.ModuleGenerator;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.instrument.Profile;
import io.ecliptica.text.Wat;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/fuzzing.md §"Module reducer" with syntactic properties; ModuleReducerExecutionTest runs engines. */
class ModuleReducerTest {

    static GeneratedModule firstWith(String opcode) {
        for (long seed = 0; ; seed++) {
            GeneratedModule m = ModuleGenerator.generate(seed, GeneratorConfig.DEFAULT);
            if (m.opcodes().contains(opcode) && m.size() > 800) {
                return m;
            }
        }
    }

    static void assertValid(GeneratedModule m) throws Exception {
        Instrumenter.prepare(m.wasm(), Profile.ECLIPTICA_V1);
        // An independent check: wabt validates the text form and encodes it to the same bytes.
        assertArrayEquals(m.wasm(), Wat.toWasm(m.toWat(), "reduced.wat"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i64.rem_s", "memory.copy", "call_indirect", "f32.demote_f64", "br_table", "i32.load16_s"})
    void keepsTheOpcodeAndShrinksALot(String opcode) throws Exception {
        GeneratedModule m = firstWith(opcode);
        GeneratedModule r = ModuleReducer.reduce(m, x -> x.opcodes().contains(opcode), 3000);
        assertTrue(r.opcodes().contains(opcode));
        assertValid(r);
        System.out.printf("reduce keeping %s: %d -> %d bytes (%.1f%%)%n", opcode, m.size(), r.size(),
                100.0 * r.size() / m.size());
        // Hand-written minimal modules holding one such instruction are 30-70 bytes.
        assertTrue(r.size() <= 90, opcode + ": " + r.size() + " bytes\n" + r.toWat());
    }

    /**
     * An arbitrary property (a bit of the candidate's hash) makes the reducer take and refuse
     * edits all over the tree; wabt, which shares no code with the reducer, must accept every
     * result and encode it to the same bytes.
     */
    @Test
    void arbitraryPropertiesStillLeaveValidModules() throws Exception {
        for (long seed = 0; seed < 25; seed++) {
            GeneratedModule m = ModuleGenerator.generate(seed, GeneratorConfig.DEFAULT);
            GeneratedModule r = ModuleReducer.reduce(m,
                    x -> (java.util.Arrays.hashCode(x.wasm()) & 4) == 0, 150);
            assertValid(r);
        }
    }

    @Test
    void deterministic() {
        GeneratedModule m = firstWith("i32.div_u");
        byte[] a = ModuleReducer.reduce(m, x -> x.opcodes().contains("i32.div_u"), 2000).wasm();
        byte[] b = ModuleReducer.reduce(m, x -> x.opcodes().contains("i32.div_u"), 2000).wasm();
        assertArrayEquals(a, b);
    }

    @Test
    void returnsTheInputWhenNothingSmallerIsInteresting() {
        GeneratedModule m = ModuleGenerator.generate(5, GeneratorConfig.DEFAULT);
        byte[] original = m.wasm();
        AtomicInteger calls = new AtomicInteger();
        GeneratedModule r = ModuleReducer.reduce(m, x -> {
            calls.incrementAndGet();
            assertTrue(x.size() < original.length, "only smaller candidates are tested");
            return false;
        }, 1000);
        assertSame(m, r);
        assertTrue(calls.get() > 10 && calls.get() < 1000, "tried candidates, then stopped: " + calls.get());
    }

    @Test
    void neverExceedsTheTestBudget() {
        GeneratedModule m = ModuleGenerator.generate(5, GeneratorConfig.DEFAULT);
        AtomicInteger calls = new AtomicInteger();
        GeneratedModule r = ModuleReducer.reduce(m, x -> calls.incrementAndGet() > 0, 7);
        assertEquals(7, calls.get());
        assertTrue(r.size() < m.size());
    }

    @Test
    void keepsAHostCallAndItsImportOnly() throws Exception {
        GeneratedModule m = ModuleGenerator.generate(0, GeneratorConfig.DEFAULT);
        assertTrue(m.hostImports().size() > 1);
        var wanted = m.hostImports().get(0);
        GeneratedModule r = ModuleReducer.reduce(m, x -> x.hostImports().contains(wanted), 2000);
        assertEquals(List.of(wanted), r.hostImports());
        assertValid(r);
    }
}
