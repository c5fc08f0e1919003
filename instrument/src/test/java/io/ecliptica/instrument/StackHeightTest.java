package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The deterministic stack-height limit (docs/gas.md §Stack height): frame cost = parameters +
 * declared locals + maximum operand-stack height + 4; a function entered at height h traps if
 * h + frame exceeds the limit, and its callees start at h + frame. The height travels as an extra
 * parameter (through the stack global into the entry wrappers of exported and table functions).
 * Frame costs and depths below are computed by hand.
 */
class StackHeightTest {

    static long[] frames(String wat) {
        return Instrumenter.frameCosts(TestSupport.wat(wat), Profile.ECLIPTICA_V1);
    }

    @Test
    void frameCostsOfSmallFunctions() {
        // no params, no locals, stack 2 (two constants before the add)
        assertArrayEquals(new long[] {0 + 0 + 2 + 4},
                frames("(module (func (result i32) i32.const 1 i32.const 2 i32.add))"));
        // 2 params, 3 locals, stack 3: p0 p1 p0 on the stack before the first add
        assertArrayEquals(new long[] {2 + 3 + 3 + 4}, frames("""
                (module (func (param i32 i32) (result i32) (local f32 f32 i64)
                  local.get 0 local.get 1 local.get 0 i32.add i32.add))"""));
        // a block's parameter is counted once: p0 (1), then inside the block p0 1 (2)
        assertArrayEquals(new long[] {1 + 0 + 2 + 4}, frames("""
                (module (func (param i32) (result i32)
                  local.get 0 block (param i32) (result i32) i32.const 1 i32.add end))"""));
        // unreachable code still counts what it pushes: 3 constants after unreachable
        assertArrayEquals(new long[] {0 + 0 + 3 + 4}, frames("""
                (module (func unreachable i32.const 1 i32.const 2 i32.const 3 drop drop drop))"""));
        // an empty function: only the overhead
        assertArrayEquals(new long[] {4}, frames("(module (func))"));
        // $f: 3 params, nothing pushed (unreachable); the caller: 3 arguments on the stack
        assertArrayEquals(new long[] {3 + 0 + 0 + 4, 0 + 0 + 3 + 4}, frames("""
                (module (func $f (param i32 i32 i32) (result i32) unreachable)
                  (func (result i32) i32.const 1 i32.const 2 i32.const 3 call $f))"""));
    }

    static final String RECURSE = """
            (module (func $r (export "r") (param $n i32) (result i32)
              local.get $n           ;; stack 1    } gas 3
              i32.eqz                ;; 1          }
              if (result i32)        ;; 0          }
                i32.const 0          ;; 1
              else
                local.get $n         ;; 1          } gas 8
                i32.const 1          ;; 2          }
                i32.sub              ;; 1          }
                call $r              ;; 1          }
                i32.const 1          ;; 2          } gas 2
                i32.add              ;; 1          }
              end))                  ;; frame = 1 param + 0 locals + 2 + 4 = 7
            """;

    @Test
    void recursionTrapsAtTheComputedDepth() {
        assertArrayEquals(new long[] {7}, frames(RECURSE));
        // limit 700 slots: 100 frames of 7 fit; r(n) needs n + 1 frames
        byte[] wasm = Instrumenter.prepare(TestSupport.wat(RECURSE), Profile.ECLIPTICA_V1.withStackLimit(700)).wasm();
        TestSupport.onBigStack(() -> {
            Run r = Run.of(wasm);
            assertArrayEquals(new long[] {99}, r.call("r", 99));
            assertEquals(0, r.stackHeight(), "every exit subtracted its frame");
            assertArrayEquals(new long[] {99}, r.call("r", 99), "an exported function starts from 0 again");
            assertThrows(Run.StackExhausted.class, () -> r.call("r", 100));
            r.resetStack();
            assertArrayEquals(new long[] {50}, r.call("r", 50), "the instance is usable after a reset");
            return null;
        });
    }

    @Test
    void eclipticaV1LimitIsTheDocumentedOne() {
        byte[] wasm = Instrumenter.prepare(TestSupport.wat(RECURSE), Profile.ECLIPTICA_V1).wasm();
        long frames = 100_000 / 7; // 14285 frames of 7 slots fit, 14286 do not
        assertEquals(100_000, Profile.ECLIPTICA_V1.stackLimit());
        TestSupport.onBigStack(() -> {
            Run r = Run.of(wasm);
            assertArrayEquals(new long[] {frames - 1}, r.call("r", frames - 1));
            assertThrows(Run.StackExhausted.class, () -> r.call("r", frames));
            return null;
        });
    }

    @Test
    void everyWayOutOfAFunctionSubtractsItsFrame() {
        // each helper leaves differently; 1000 calls of each under a limit of 100 slots would
        // exhaust the stack if any exit left its frame behind
        String wat = """
                (module
                  (func $byEnd (result i32) i32.const 1)
                  (func $byReturn (result i32) i32.const 2 return)
                  (func $byBr (result i32) i32.const 3 br 0)
                  (func $byBrIf (result i32) i32.const 4 i32.const 1 br_if 0 drop i32.const 0)
                  (func $byBrTable (result i32) block (result i32) i32.const 5 i32.const 0 br_table 1 0 end)
                  (func $nested (result i32) block (result i32) i32.const 6 br 1 end)
                  (func (export "many") (result i32) (local $i i32) (local $sum i32)
                    loop
                      call $byEnd call $byReturn i32.add call $byBr i32.add call $byBrIf i32.add
                      call $byBrTable i32.add
                      local.get $sum i32.add local.set $sum
                      call $nested local.get $sum i32.add local.set $sum
                      local.get $i i32.const 1 i32.add local.tee $i i32.const 1000 i32.lt_u br_if 0
                    end
                    local.get $sum))
                """;
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1.withStackLimit(100)).wasm());
        assertArrayEquals(new long[] {1000L * (1 + 2 + 3 + 4 + 5 + 6)}, r.call("many"));
        assertEquals(0, r.stackHeight());
    }

    @Test
    void brTableToTheFunctionLabelSubtractsTheFrame() {
        String wat = """
                (module
                  (func $t (param i32) (result i32)
                    block (result i32)
                      i32.const 10
                      local.get 0
                      br_table 1 0     ;; 0 leaves the function, anything else the block
                    end
                    i32.const 1
                    i32.add)
                  (func (export "run") (param i32) (result i32) (local $i i32) (local $s i32)
                    loop
                      local.get 0 call $t local.get $s i32.add local.set $s
                      local.get $i i32.const 1 i32.add local.tee $i i32.const 500 i32.lt_u br_if 0
                    end
                    local.get $s))
                """;
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1.withStackLimit(60)).wasm());
        assertArrayEquals(new long[] {500 * 10}, r.call("run", 0));
        assertArrayEquals(new long[] {500 * 11}, r.call("run", 1));
        assertEquals(0, r.stackHeight());
    }

    @Test
    void mutualRecursionThroughATableIsLimitedToo() {
        byte[] wasm = TestSupport.contract("recursion");
        byte[] prepared = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1).wasm();
        long[] frames = Instrumenter.frameCosts(wasm, Profile.ECLIPTICA_V1);
        assertTrue(frames.length > 0);
        // the bundled recursion contract's deepest vector (depth 5000) fits under ecliptica-v1
        TestSupport.onBigStack(() -> {
            AbiHost host = new AbiHost(new byte[] {(byte) 0x88, 0x13, 0, 0}, new byte[32], new byte[32], 1, 1, new java.util.HashMap<>());
            Run r = Run.of(prepared, host.functions());
            r.call("depth");
            assertEquals(8, host.output.length);
            AbiHost deep = new AbiHost(new byte[] {(byte) 0x40, (byte) 0x9c, 0, 0}, new byte[32], new byte[32], 1, 1,
                    new java.util.HashMap<>());
            // 40000 frames of $h (12 slots each) cannot fit in 100000 slots
            Run r2 = Run.of(prepared, deep.functions());
            assertThrows(Run.StackExhausted.class, () -> r2.call("depth"));
            return null;
        });
    }

    @Test
    void recursionContractFrameOfH() {
        // $h (param $k i32) (param $emit i32) (local $prev i64) (local $v i64): 2 + 2 + max stack 4
        // (emit_event's four arguments) + 4 = 12
        long[] frames = Instrumenter.frameCosts(TestSupport.contract("recursion"), Profile.ECLIPTICA_V1);
        // defined functions in source order: $args $out64 $fib $ack $h $is_even $is_odd + 5 exports
        assertEquals(12, frames[4]);
    }

    @Test
    void exportedAndTableFunctionsStartFromTheStackGlobal() {
        // $f (frame 1 + 0 + 1 + 4 = 6) is exported, in the table and called directly; under a
        // limit of 20: the host calls it at height 0, $via (frame 0 + 0 + 2 + 4 = 6) passes 6
        // directly and through call_indirect; the stack global is 0 again after every call
        String wat = """
                (module (type $t (func (param i32) (result i32)))
                  (table 1 funcref) (elem (i32.const 0) $f)
                  (func $f (export "f") (param i32) (result i32) local.get 0)
                  (func (export "via") (result i32)
                    i32.const 7 call $f
                    i32.const 0 call_indirect (type $t)))
                """;
        assertArrayEquals(new long[] {6, 6}, frames(wat));
        byte[] ok = Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1.withStackLimit(12)).wasm();
        Run r = Run.of(ok);
        assertArrayEquals(new long[] {3}, r.call("f", 3));
        assertArrayEquals(new long[] {7}, r.call("via"));
        assertEquals(0, r.stackHeight());
        // limit 11: $via (6) fits, $f at height 6 does not, neither called directly nor through the table
        byte[] tight = Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1.withStackLimit(11)).wasm();
        Run t = Run.of(tight);
        assertArrayEquals(new long[] {3}, t.call("f", 3), "from the host, $f starts at 0");
        assertThrows(Run.StackExhausted.class, () -> t.call("via"));
        String indirectOnly = """
                (module (type $t (func (param i32) (result i32)))
                  (table 1 funcref) (elem (i32.const 0) $f)
                  (func $f (export "f") (param i32) (result i32) local.get 0)
                  (func (export "via") (result i32)
                    i32.const 7 i32.const 0 call_indirect (type $t)))
                """;
        Run i = Run.of(Instrumenter.prepare(TestSupport.wat(indirectOnly), Profile.ECLIPTICA_V1.withStackLimit(11)).wasm());
        assertThrows(Run.StackExhausted.class, () -> i.call("via"));
    }

    @Test
    void aFrameLargerThanTheLimitAlwaysTraps() {
        // frame 0 + 0 + 1 + 4 = 5 > limit 4: the host's call traps at entry
        byte[] wasm = Instrumenter.prepare(TestSupport.wat("(module (func (export \"f\") (result i32) i32.const 1))"),
                Profile.ECLIPTICA_V1.withStackLimit(4)).wasm();
        assertThrows(Run.StackExhausted.class, () -> Run.of(wasm).call("f"));
    }
}
