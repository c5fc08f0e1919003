package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.types.NameCustomSection;
import io.ecliptica.text.WastCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Determinism and validity of the output (docs/gas.md §Encoding, §Renumbering): the same input and
 * profile give the same bytes, and every prepared module validates (Chicory's validator).
 */
class DeterminismTest {

    static Stream<Path> contracts() {
        return TestSupport.contractModules().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void sameInputSameBytesAndTheOutputValidates(Path wasm) throws Exception {
        byte[] in = Files.readAllBytes(wasm);
        for (int mask = 0; mask < 8; mask++) {
            Profile p = Profile.ECLIPTICA_V1.withPasses((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0);
            Prepared a = Instrumenter.prepare(in, p);
            Prepared b = Instrumenter.prepare(in.clone(), p);
            assertArrayEquals(a.wasm(), b.wasm());
            assertEquals(a, b);
            Run.parse(a.wasm());
            // instrumenting is a function of the decoded module: a re-encoded input gives the same output
            assertArrayEquals(a.wasm(), Instrumenter.prepare(Instrumenter.reencode(in), p).wasm());
        }
    }

    @Test
    void everyAcceptedSpecModuleInstrumentsToAValidModule() {
        Profile p = SpecBehaviourTest.SPEC;
        int n = 0;
        for (String file : TestSupport.wastNames()) {
            for (WastCommand c : TestSupport.script(file).commands()) {
                if (c instanceof WastCommand.DefineModule d && d.module().isBinary()) {
                    byte[] out;
                    try {
                        out = Instrumenter.prepare(d.module().bytes(), p).wasm();
                    } catch (ModuleRejectedException e) {
                        continue;
                    }
                    try {
                        Run.parse(out);
                    } catch (RuntimeException e) {
                        throw new AssertionError(file + ":" + c.line() + ": instrumented module does not validate: " + e, e);
                    }
                    assertArrayEquals(out, Instrumenter.prepare(d.module().bytes(), p).wasm());
                    n++;
                }
            }
        }
        assertTrue(n > 1000, "only " + n + " modules");
    }

    @Test
    void functionNamesFollowTheRenumbering() {
        byte[] wasm = TestSupport.wat("""
                (module $m
                  (import "ecliptica" "input_size" (func $size (result i32)))
                  (func $a (param $x i32) (local $y i32))
                  (func $b (export "b") call $a2)
                  (func $a2))
                """, "--debug-names");
        byte[] out = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1).wasm();
        NameCustomSection names = Run.parse(out).nameSection();
        assertNotNull(names);
        assertEquals("m", names.moduleName().orElseThrow());
        // imports: size (0), then the added out_of_gas (1) and stack_exhausted (2); defined from 3
        assertEquals("size", names.nameOfFunction(0));
        assertNull(names.nameOfFunction(1));
        assertEquals("a", names.nameOfFunction(3));
        assertEquals("b", names.nameOfFunction(4));
        assertEquals("a2", names.nameOfFunction(5));
        assertEquals("x", names.nameOfLocal(3, 0));
        // the stack-height parameter is inserted after the parameters: declared locals move up by one
        assertNull(names.nameOfLocal(3, 1));
        assertEquals("y", names.nameOfLocal(3, 2));
    }

    @Test
    void callsExportsElementsAndStartAreRenumbered() {
        byte[] wasm = TestSupport.wat("""
                (module
                  (import "ecliptica" "block_height" (func $h (result i64)))
                  (type $t (func (result i32)))
                  (global $g (mut i32) (i32.const 0))
                  (table 2 funcref) (elem (i32.const 0) $one $two)
                  (func $one (result i32) i32.const 1)
                  (func $two (result i32) i32.const 2)
                  (func $init (global.set $g (i32.const 40)))
                  (start $init)
                  (func (export "sum") (result i32)
                    (i32.add (call $one) (call_indirect (type $t) (i32.const 1)))
                    global.get $g i32.add
                    (i32.wrap_i64 (call $h)) i32.add)
                  (export "two" (func $two)))
                """);
        Prepared p = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1);
        Run r = Run.of(p.wasm(), java.util.Map.of("ecliptica.block_height", (i, a) -> new long[] {1000}));
        // Run called __ecliptica_start: $g = 40
        assertArrayEquals(new long[] {1 + 2 + 40 + 1000}, r.call("sum"));
        assertArrayEquals(new long[] {2}, r.call("two"));
    }

    @Test
    void nameSectionSubsectionsAreKeptRenumberedOrDropped() {
        // subsection 0 (module "m"), 1 (function 0 "a", function 2 "c"), 3 (labels: dropped),
        // 7 (global 0 "g": kept as it is), 42 (unknown: dropped); one import before the shift
        byte[] payload = RoundTripTest.hex("00 02 01 6d"
                + " 01 07 02 00 01 61 02 01 63"
                + " 03 06 01 00 01 00 01 6c"
                + " 07 04 01 00 01 67"
                + " 2a 01 00");
        byte[] out = NameSection.renumber(payload, 1, 2);
        assertArrayEquals(RoundTripTest.hex("00 02 01 6d 01 07 02 00 01 61 04 01 63 07 04 01 00 01 67"), out);
        assertNull(NameSection.renumber(RoundTripTest.hex("01 05 01 00"), 1, 2), "truncated: dropped");
    }
}
