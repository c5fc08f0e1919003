package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import io.ecliptica.instrument.WasmModule.Data;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dropped-active-segment rule (docs/gas.md §15): {@code memory.init} and {@code data.drop}
 * naming an active data segment name one appended empty passive segment instead, so they behave
 * as on a dropped segment on every engine. The behaviour checks run on Chicory's interpreter, the
 * engine that keeps active segments (docs/engine-quirks.md); the other engines are compared in
 * the harness ({@code DroppedSegmentsOnEnginesTest}).
 */
class DroppedSegmentsTest {

    /** Segments: 0 active "abc", 1 passive "xyz", 2 active (explicit memory 0) "q". */
    static final String MIXED = """
            (module (memory 1)
              (data (i32.const 100) "abc")
              (data $p "xyz")
              (data (memory 0) (i32.const 200) "q")
              (func (export "initActive") (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))
              (func (export "initPassive") (memory.init $p (i32.const 10) (i32.const 1) (i32.const 2)))
              (func (export "dropActive") (data.drop 2))
              (func (export "dropPassive") (data.drop $p))
              (func (export "initActive2") (memory.init 2 (i32.const 0) (i32.const 0) (i32.const 0))))
            """;

    /** The generator's 73-byte reproducer (docs/engine-quirks.md). */
    static final String REPRODUCER = """
            (module (memory 1 3) (data (i32.const 3173) "\\de")
              (func (export "f0") (memory.init 0 (i32.const 206) (i32.const 1) (i32.const 0))))
            """;

    /** Segment indices named by memory.init and data.drop, in code order. */
    static List<String> segmentUses(WasmModule m) {
        List<String> out = new ArrayList<>();
        for (WasmModule.Code c : m.codes) {
            for (Instr i : c.body()) {
                if (i.op() == Op.MEMORY_INIT || i.op() == Op.DATA_DROP) {
                    out.add(i.op().mnemonic + " " + i.a());
                }
            }
        }
        return out;
    }

    static WasmModule prepared(String wat, Profile p) {
        byte[] out = Instrumenter.prepare(TestSupport.wat(wat), p).wasm();
        Run.parse(out); // Chicory's validator
        WasmModule m = Decoder.decode(out);
        Validator.validate(m); // ours
        return m;
    }

    @Test
    void onlyActiveSegmentsAreRedirectedToOneAppendedEmptyPassiveSegment() {
        WasmModule in = Decoder.decode(TestSupport.wat(MIXED));
        assertEquals(List.of("memory.init 0", "memory.init 1", "data.drop 2", "data.drop 1", "memory.init 2"),
                segmentUses(in));
        WasmModule out = prepared(MIXED, Profile.ECLIPTICA_V1.withAnyImports());
        // segment 3 is the appended one; the passive segment 1 is still named as before
        assertEquals(List.of("memory.init 3", "memory.init 1", "data.drop 3", "data.drop 1", "memory.init 3"),
                segmentUses(out));
        assertEquals(4, out.datas.size(), "appended once, for three redirected instructions");
        assertEquals(in.datas, out.datas.subList(0, 3), "the input's segments are unchanged");
        Data empty = out.datas.get(3);
        assertEquals(1, empty.flags(), "passive");
        assertEquals(0, empty.bytes().length(), "empty");
        assertEquals(3, in.dataCount);
        assertEquals(4, out.dataCount, "the data count section counts the appended segment");
    }

    @Test
    void everyInstrumentingProfileAppliesItWhateverPassesAreOn() {
        for (Profile p : List.of(Profile.ECLIPTICA_V1.withPasses(false, false, false),
                Profile.COSMWASM_LIKE.withFeatures(true, true))) {
            WasmModule out = prepared(REPRODUCER, p);
            assertEquals(List.of("memory.init 1"), segmentUses(out), p.id());
            assertEquals(2, out.dataCount, p.id());
        }
    }

    @Test
    void aModuleThatNamesNoActiveSegmentIsLeftAsItIs() {
        String passiveOnly = """
                (module (memory 1) (data (i32.const 0) "a") (data $p "b")
                  (func (export "f") (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $p)))
                """;
        String noBulk = "(module (memory 1) (data (i32.const 0) \"a\") (func (export \"f\") (drop (i32.load (i32.const 0)))))";
        for (String wat : List.of(passiveOnly, noBulk)) {
            WasmModule in = Decoder.decode(TestSupport.wat(wat));
            assertSame(in, DroppedSegments.redirect(in), "no copy, so the rest of the transformation sees the input");
            WasmModule out = prepared(wat, Profile.ECLIPTICA_V1);
            assertEquals(in.datas, out.datas, "no segment appended");
            assertEquals(in.dataCount, out.dataCount);
            assertEquals(segmentUses(in), segmentUses(out));
        }
    }

    @Test
    void theDataSectionOfAModuleThatNamesNoActiveSegmentIsByteIdentical() throws IOException {
        // every bundled contract: none names an active segment through memory.init or data.drop
        for (Path path : TestSupport.contractModules()) {
            byte[] wasm = Files.readAllBytes(path);
            WasmModule in = Decoder.decode(wasm);
            assertSame(in, DroppedSegments.redirect(in), path.toString());
            byte[] out = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1.withAnyImports()).wasm();
            assertArrayEquals(section(wasm, WasmModule.DATA), section(out, WasmModule.DATA), path.toString());
            assertArrayEquals(section(wasm, WasmModule.DATA_COUNT), section(out, WasmModule.DATA_COUNT), path.toString());
        }
    }

    /** The raw bytes of section {@code id} (an empty array when absent): a reader independent of the decoder. */
    static byte[] section(byte[] wasm, int id) {
        int pos = 8;
        while (pos < wasm.length) {
            int sid = wasm[pos++] & 0xff;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = wasm[pos++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (sid == id) {
                return Arrays.copyOfRange(wasm, pos, pos + (int) size);
            }
            pos += (int) size;
        }
        return new byte[0];
    }

    // Behaviour (Chicory's interpreter), against the spec: memory.init on a dropped (length 0)
    // segment traps iff s + n > 0 or d + n > the memory size in bytes; otherwise it does nothing.

    @Test
    void theReproducerTrapsUnderTheProfileButNotRawOnChicory() {
        byte[] wasm = TestSupport.wat(REPRODUCER);
        Run.of(wasm).call("f0"); // the quirk: Chicory copies from the kept segment
        Run r = Run.of(Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1).wasm());
        ChicoryException e = assertThrows(ChicoryException.class, () -> r.call("f0"));
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
    }

    @Test
    void memoryInitOfAnActiveSegmentBehavesAsOnADroppedOne() {
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat("""
                (module (memory 1) (data (i32.const 16) "abcd")
                  (func (export "init") (param i32 i32 i32) (memory.init 0 (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "drop") (data.drop 0))
                  (func (export "at") (param i32) (result i32) (i32.load8_u (local.get 0))))
                """), Profile.ECLIPTICA_V1.withAnyImports()).wasm());
        assertEquals('a', r.call("at", 16)[0], "the active segment was still copied at instantiation");
        r.call("init", 0, 0, 0);          // s + n = 0, d + n = 0: nothing to do
        r.call("init", 65536, 0, 0);      // d + n = the memory size: still in bounds
        assertEquals(0, r.call("at", 0)[0]);
        for (long[] args : new long[][] {{0, 0, 1}, {0, 1, 0}, {65537, 0, 0}, {0, 4, 0}}) {
            r.resetStack();
            assertThrows(ChicoryException.class, () -> r.call("init", args),
                    "memory.init " + Arrays.toString(args) + " must trap");
        }
        r.resetStack();
        r.call("drop");
        r.call("drop"); // dropping a dropped segment is allowed
        r.call("init", 0, 0, 0);
    }

    @Test
    void memoryInitOfAPassiveSegmentStillCopies() {
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat(MIXED), Profile.ECLIPTICA_V1.withAnyImports()).wasm());
        r.call("initPassive"); // "yz" to 10
        ChicoryException e = assertThrows(ChicoryException.class, () -> r.call("initActive"));
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
        r.resetStack();
        r.call("dropActive");
        r.call("initActive2");
        byte[] mem = r.instance.memory().readBytes(10, 2);
        assertArrayEquals("yz".getBytes(StandardCharsets.UTF_8), mem);
    }
}
