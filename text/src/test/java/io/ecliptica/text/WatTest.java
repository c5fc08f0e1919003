package io.ecliptica.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatTest {
    static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    /** Modules used for the byte-for-byte comparison with a native wat2wasm. */
    static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("empty.wat", "(module)");
        SAMPLES.put("add.wat", """
                (module
                  (func $add (export "add") (param i32 i32) (result i32)
                    local.get 0
                    local.get 1
                    i32.add))
                """);
        SAMPLES.put("counter.wat", """
                (module
                  (import "env" "log" (func $log (param i32 i32)))
                  (memory (export "memory") 1)
                  (global $count (mut i64) (i64.const 0))
                  (data (i32.const 16) "counter: h\\c3\\a9llo")
                  (func (export "bump") (param $by i64) (result i64)
                    (global.set $count (i64.add (global.get $count) (local.get $by)))
                    (call $log (i32.const 16) (i32.const 15))
                    (global.get $count))
                  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
                    (block $done
                      (loop $next
                        (br_if $done (i32.eqz (local.get $n)))
                        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
                        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                        (br $next)))
                    (local.get $acc)))
                """);
        SAMPLES.put("floats.wat", """
                (module
                  (func (export "f") (param f64) (result f64)
                    (f64.mul (local.get 0) (f64.const 0x1.8p1)))
                  (func (export "g") (result f32) (f32.const nan:0x200000))
                  (func (export "h") (result f64) (f64.const -inf))
                  (func (export "k") (result f64) (f64.const 1.7976931348623157e308)))
                """);
        SAMPLES.put("tables.wat", """
                (module
                  (type $t (func (result i32)))
                  (table 4 funcref)
                  (elem (i32.const 0) $one $two)
                  (func $one (result i32) (i32.const 1))
                  (func $two (result i32) (i32.const 2))
                  (func (export "call") (param i32) (result i32)
                    (call_indirect (type $t) (local.get 0)))
                  (func (export "size") (result i32) (table.size 0))
                  (func (export "null") (result externref) (ref.null extern)))
                """);
        SAMPLES.put("unicode.wat", """
                (module
                  ;; non-ASCII in a comment: ∑ ö 𝄞
                  (func (export "héllo∑") (result i32) (i32.const 7)))
                """);
    }

    @Test
    void emptyModuleIsJustTheHeader() {
        assertArrayEquals(HEADER, Wat.toWasm("(module)", "empty.wat"));
    }

    @Test
    void tinyModuleMatchesHandAssembledBytes() {
        byte[] expected = HexFormat.of().parseHex(
                "0061736d01000000"         // magic, version 1
                        + "0105016000017f"   // type section: 1 type, func [] -> [i32]
                        + "03020100"         // function section: 1 function of type 0
                        + "07050101660000"   // export section: "f" -> func 0
                        + "0a06010400412a0b"); // code: 1 body of 4 bytes: 0 locals, i32.const 42, end
        byte[] actual = Wat.toWasm("(module (func (export \"f\") (result i32) i32.const 42))", "f.wat");
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
    }

    @Test
    void producedModulesAreValidAndRunOnChicory() {
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            byte[] wasm = Wat.toWasm(e.getValue(), e.getKey());
            assertArrayEquals(HEADER, java.util.Arrays.copyOf(wasm, 8), e.getKey());
        }
        byte[] add = Wat.toWasm(SAMPLES.get("add.wat"), "add.wat");
        Instance inst = Instance.builder(Parser.parse(add)).build();
        assertEquals(Integer.MIN_VALUE + 1, (int) inst.export("add").apply(Integer.MAX_VALUE, 2)[0]);
        assertEquals(5, inst.export("add").apply(2, 3)[0]);
    }

    @Test
    void nonAsciiTextIsUtf8() {
        byte[] wasm = Wat.toWasm(SAMPLES.get("unicode.wat"), "unicode.wat");
        byte[] name = "héllo∑".getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(wasm, name) > 0, "export name encoded as UTF-8");
        Instance inst = Instance.builder(Parser.parse(wasm)).build();
        assertEquals(7, inst.export("héllo∑").apply()[0]);
    }

    @Test
    void syntaxErrorIsOneLineWithFileLineAndColumn() {
        String wat = "(module\n  (func (result i32)\n    i32.const 1\n    foo))\n";
        WatSyntaxException e = assertThrows(WatSyntaxException.class, () -> Wat.toWasm(wat, "counter.wat"));
        assertEquals("counter.wat", e.fileName());
        assertEquals(4, e.line());
        assertEquals(5, e.column());
        assertTrue(e.getMessage().startsWith("counter.wat:4:5: "), e.getMessage());
        assertTrue(e.getMessage().contains("foo"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void validationErrorNamesThePosition() {
        String wat = "(module\n  (func (result i32)\n    (i32.add (i32.const 1))))\n";
        WatSyntaxException e = assertThrows(WatSyntaxException.class, () -> Wat.toWasm(wat, "dir/sub/bad.wat"));
        assertTrue(e.getMessage().startsWith("dir/sub/bad.wat:3:6: "), e.getMessage());
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void sourceEchoedByWabtIsNotMistakenForAnError() {
        String wat = "(module (func (result i32) foo)) ;; error: not a diagnostic\n";
        WatSyntaxException e = assertThrows(WatSyntaxException.class, () -> Wat.toWasm(wat, "echo.wat"));
        assertTrue(e.diagnostics().stream().noneMatch(d -> d.detail().contains("not a diagnostic")),
                e.diagnostics().toString());
        assertEquals(1, e.line());
    }

    @Test
    void severalErrorsAreSummarised() {
        String wat = "(module\n (func (result i32) (local.get 5))\n (func (result i64) (local.get 9)))\n";
        WatSyntaxException e = assertThrows(WatSyntaxException.class, () -> Wat.toWasm(wat, "two.wat"));
        assertTrue(e.diagnostics().size() >= 2, e.diagnostics().toString());
        assertTrue(e.getMessage().startsWith("two.wat:2:"), e.getMessage());
        assertTrue(e.getMessage().matches(".*\\(\\+\\d+ more errors?\\)$"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void errorsDoNotReachTheRealStreams() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(p);
            System.setOut(p);
            assertThrows(WatSyntaxException.class, () -> Wat.toWasm("(module (func foo))", "x.wat"));
            Wat.toWasm("(module)", "ok.wat");
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void flagsAreCheckedAndPassed() {
        assertThrows(IllegalArgumentException.class, () -> Wat.toWasm("(module)", "x.wat", List.of("-o", "/etc/x")));
        String tail = "(module (func $f (return_call $f)))";
        assertThrows(WatSyntaxException.class, () -> Wat.toWasm(tail, "tail.wat"));
        byte[] wasm = Wat.toWasm(tail, "tail.wat", List.of("--enable-tail-call"));
        assertArrayEquals(HEADER, java.util.Arrays.copyOf(wasm, 8));
    }

    @Test
    void concurrentCallsAgree() throws Exception {
        String wat = SAMPLES.get("counter.wat");
        byte[] reference = Wat.toWasm(wat, "counter.wat");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> Wat.toWasm(wat, "counter.wat")));
            }
            for (Future<byte[]> f : results) {
                assertArrayEquals(reference, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timings() {
        String wat = SAMPLES.get("counter.wat");
        long t0 = System.nanoTime();
        Wat.toWasm(wat, "counter.wat"); // first call in this JVM unless another test ran earlier
        long first = System.nanoTime() - t0;
        int n = 50;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Wat.toWasm(wat, "counter.wat");
        }
        long warm = (System.nanoTime() - t1) / n;
        System.out.printf("[wasm-text] wat2wasm counter.wat: this call %.1f ms, warm %.2f ms/call%n",
                first / 1e6, warm / 1e6);
        assertTrue(warm < 2_000_000_000L, "warm wat2wasm should not take seconds");
    }

    /** Byte-for-byte against Debian's wat2wasm, where installed (never required). */
    @Test
    void matchesNativeWat2WasmWhenInstalled(@TempDir Path dir) throws Exception {
        Path nativeTool = Path.of("/usr/bin/wat2wasm");
        assumeTrue(Files.isExecutable(nativeTool), "no /usr/bin/wat2wasm");
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            Path src = dir.resolve(e.getKey());
            Path out = dir.resolve(e.getKey() + ".wasm");
            Files.writeString(src, e.getValue(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(nativeTool.toString(), src.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
            assertEquals(HexFormat.of().formatHex(Files.readAllBytes(out)),
                    HexFormat.of().formatHex(Wat.toWasm(e.getValue(), e.getKey())), e.getKey());
        }
    }

    static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertFalse(message.contains("\u001B"), "no ANSI escapes: " + message);
        assertFalse(message.contains("/in/"), "no internal paths: " + message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
