package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecliptica.text.WastCommand;
import io.ecliptica.text.WastModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The binary model: decode, encode, decode again gives the same module, and encoding is a fixed
 * point, on every bundled contract and on every binary module of the spec testsuite that uses only
 * accepted features. Modules the testsuite says are malformed or invalid are rejected as such.
 */
class RoundTripTest {

    static Stream<Path> contracts() {
        return TestSupport.contractModules().stream();
    }

    static void assertRoundTrip(byte[] wasm, String what) {
        WasmModule m1 = Decoder.decode(wasm);
        byte[] b1 = Encoder.encode(m1);
        WasmModule m2 = Decoder.decode(b1);
        assertEquals(m1, m2, what + ": decode(encode(m)) differs from m");
        byte[] b2 = Encoder.encode(m2);
        assertArrayEquals(b1, b2, what + ": encoding is not a fixed point");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void bundledContractRoundTrips(Path wasm) throws Exception {
        byte[] bytes = Files.readAllBytes(wasm);
        assertRoundTrip(bytes, wasm.getFileName().toString());
        // (rustc's linker pads LEB128s, so a re-encoding may be shorter than the file; never longer)
        assertTrue(Encoder.encode(Decoder.decode(bytes)).length <= bytes.length, wasm + " grew on re-encoding");
    }

    /** Features each non-MVP spec file may be rejected for (by file-name prefix). */
    static Set<String> allowedRejections(String file) {
        if (file.startsWith("simd")) {
            return Set.of(Features.SIMD);
        }
        return Set.of(Features.REFERENCE_TYPES, Features.SIMD);
    }

    static Stream<String> wastFiles() {
        return TestSupport.wastNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wastFiles")
    void specModulesRoundTripOrAreRejectedForAFeature(String file) {
        int roundTripped = 0;
        int rejected = 0;
        List<String> problems = new ArrayList<>();
        for (WastCommand c : TestSupport.script(file).commands()) {
            if (c instanceof WastCommand.DefineModule d && d.module().isBinary()) {
                byte[] wasm = d.module().bytes();
                try {
                    assertRoundTrip(wasm, file + ":" + c.line());
                    Run.parse(Encoder.encode(Decoder.decode(wasm))); // Chicory validates the re-encoding
                    roundTripped++;
                } catch (ModuleRejectedException e) {
                    if (!allowedRejections(file).contains(e.feature())) {
                        problems.add(file + ":" + c.line() + ": " + e.getMessage());
                    }
                    rejected++;
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertTrue(roundTripped + rejected > 0 || noModules(file), file + " has modules");
    }

    private static boolean noModules(String file) {
        return TestSupport.script(file).commands().stream().noneMatch(c -> c instanceof WastCommand.DefineModule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wastFiles")
    void specMalformedAndInvalidBinariesAreRejected(String file) {
        List<String> accepted = new ArrayList<>();
        for (WastCommand c : TestSupport.script(file).commands()) {
            if (c instanceof WastCommand.ModuleAssertion a
                    && (c instanceof WastCommand.AssertMalformed || c instanceof WastCommand.AssertInvalid)
                    && a.module().kind() == WastModule.Kind.BINARY) {
                try {
                    Instrumenter.reencode(a.module().bytes());
                    accepted.add(file + ":" + c.line() + " (" + a.message() + ")");
                } catch (ModuleRejectedException expected) {
                    assertTrue(expected.getMessage().startsWith("invalid: "), expected.getMessage());
                }
            }
        }
        assertTrue(accepted.isEmpty(), "accepted modules the spec rejects:\n" + String.join("\n", accepted));
    }

    @Test
    void nonCanonicalLebsAreReencodedCanonically() {
        // (module (func (result i32) (i32.const 1))) with the i32.const immediate padded to 5 bytes
        // and the type index in the function section padded to 2 bytes
        byte[] padded = hex("0061736d 01000000 0105016000017f 03030180 00 0a0a01 08 00 4181808080 00 0b");
        byte[] canonical = hex("0061736d 01000000 0105016000017f 030201 00 0a0601 04 00 4101 0b");
        assertArrayEquals(canonical, Encoder.encode(Decoder.decode(padded)));
        assertEquals(Decoder.decode(canonical), Decoder.decode(padded));
    }

    @Test
    void customSectionsStayWhereTheyWere() {
        byte[] wasm = hex("0061736d 01000000 0004 03616263 0104 01600000 0002 0178 0302 0100 0004 02797a31"
                + "0a04 0102000b 0002 017a");
        byte[] out = Encoder.encode(Decoder.decode(wasm));
        assertArrayEquals(wasm, out);
        WasmModule m = Decoder.decode(wasm);
        assertEquals(4, m.customs.size());
        assertEquals(0, m.customs.get(0).after());
        assertEquals(WasmModule.rank(WasmModule.TYPE), m.customs.get(1).after());
        assertEquals(WasmModule.rank(WasmModule.FUNCTION), m.customs.get(2).after());
        assertEquals(WasmModule.rank(WasmModule.CODE), m.customs.get(3).after());
    }

    @Test
    void truncatedAndMutatedInputsAreRejectedOrGiveValidOutput() {
        byte[] good = TestSupport.contract("counter");
        for (int len = 0; len < good.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                    () -> Instrumenter.prepare(cut, Profile.ECLIPTICA_V1), "truncated to " + len);
            assertNotEquals("", e.feature());
        }
        // seeded mutations of every bundled contract through the whole pipeline: either a one-line
        // rejection or a prepared module that Chicory's validator accepts; never another exception
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : TestSupport.contractModules()) {
            try {
                seeds.add(Files.readAllBytes(p));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        int[] interesting = {0x00, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x1a, 0x1b,
            0x20, 0x21, 0x40, 0x41, 0x7f, 0x80};
        java.util.Random r = new java.util.Random(7);
        int accepted = 0;
        for (int k = 0; k < 6000; k++) {
            byte[] m = seeds.get(r.nextInt(seeds.size())).clone();
            for (int j = 1 + r.nextInt(3); j > 0; j--) {
                int pos = 8 + r.nextInt(m.length - 8);
                m[pos] = (byte) (r.nextBoolean() ? r.nextInt(256) : interesting[r.nextInt(interesting.length)]);
            }
            try {
                Run.parse(Instrumenter.prepare(m, Profile.ECLIPTICA_V1.withAnyImports()).wasm());
                accepted++;
            } catch (ModuleRejectedException e) {
                assertFalse(e.getMessage().contains("\n"), "one line");
                assertTrue(e.getMessage().startsWith("invalid: " + e.feature() + " at offset " + e.offset()));
            }
        }
        assertTrue(accepted > 100, "mutations that still decode and validate: " + accepted);
    }

    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
