package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gas under ecliptica-v1 (docs/gas.md §Cost table, §Metered blocks, §Dynamic costs, §Host-call
 * costs). Every expected value is computed by hand in the comments from the documented weights:
 * CONST 1, LOCAL 1, GLOBAL 2, INT 1, INT_MUL 2, LOAD 3, STORE 3, CONTROL 1 (block, loop, if, br,
 * br_if, return, drop, ...), BR_TABLE 2, CALL 5, CALL_INDIRECT 8, STRUCTURE 0 (end, else),
 * MEMORY_GROW 100 + 4096 per page, BULK 10 + 1 per byte, table ops 10 + 4 per element; and from
 * the block rules of §4: a metered block ends after loop (if a branch targets it), if, else, br,
 * br_if, br_table, return, unreachable, call_indirect, a call of an import or of a function that is
 * not self-contained, and after the end of an if or of a block that a branch targets.
 *
 * <p>The gas global is exact only after a normal end and at host calls (revert, abort); after a
 * trap the host charges the whole limit (§2), so no test reads it after a trap.
 */
class GasTest {

    static Run metered(String wat) {
        return metered(wat, Map.of());
    }

    static Run metered(String wat, Map<String, Run.Host> hosts) {
        return Run.of(Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1.withAnyImports()).wasm(), hosts);
    }

    static final String STRAIGHT = """
            (module (func (export "f") (result i32)
              i32.const 1   ;; 1
              i32.const 2   ;; 1
              i32.add       ;; 1
              i32.const 3   ;; 1
              i32.mul))     ;; 2, end 0: one metered block of 6
            """;

    @Test
    void straightLineCodeIsOneBlock() {
        Run r = metered(STRAIGHT);
        assertEquals(6, r.gasUsedBy(1000, "f"));
        assertArrayEquals(new long[] {9}, r.call("f"));
    }

    @Test
    void exactlyTheLimitSucceedsOneBelowRunsOutBeforeTheBlock() {
        Run r = metered(STRAIGHT);
        r.setGas(6);
        assertArrayEquals(new long[] {9}, r.call("f"));
        assertEquals(0, r.gas());
        r.setGas(5);
        assertThrows(Run.OutOfGas.class, () -> r.call("f"));
        r.setGas(0);
        assertThrows(Run.OutOfGas.class, () -> r.call("f"));
    }

    @Test
    void remainingGasIsANonNegativeI64() {
        // limits are in [0, 2^63 - 1]; the largest is practically unlimited
        Run r = metered(STRAIGHT);
        assertEquals(6, r.gasUsedBy(Long.MAX_VALUE, "f"));
        assertEquals(6, r.gasUsedBy(6, "f"));
    }

    static final String LOOP = """
            (module (func (export "loop") (param $n i32) (result i32) (local $i i32)
              block                 ;; 1  } block A = 2 (block, loop)
                loop                ;; 1  }
                  local.get $i      ;; 1  } block B = 4, once per test of the condition
                  local.get $n      ;; 1  }
                  i32.ge_u          ;; 1  }
                  br_if 1           ;; 1  }
                  local.get $i      ;; 1  } block C = 5, once per iteration
                  i32.const 1       ;; 1  }
                  i32.add           ;; 1  }
                  local.set $i      ;; 1  }
                  br 0              ;; 1  }
                end                 ;; 0
              end                   ;; 0
              local.get $i))        ;; 1  block D = 1
            """;

    @Test
    void loopHeaderIsChargedOnEveryIteration() {
        Run r = metered(LOOP);
        // A + B*(N+1) + C*N + D = 2 + 4(N+1) + 5N + 1 = 9N + 7
        assertEquals(7, r.gasUsedBy(1_000_000, "loop", 0));
        assertEquals(16, r.gasUsedBy(1_000_000, "loop", 1));
        assertEquals(97, r.gasUsedBy(1_000_000, "loop", 10));
        assertEquals(9007, r.gasUsedBy(1_000_000, "loop", 1000));
        r.setGas(9006);
        assertThrows(Run.OutOfGas.class, () -> r.call("loop", 1000));
        r.setGas(9007);
        assertArrayEquals(new long[] {1000}, r.call("loop", 1000));
        assertEquals(0, r.gas());
    }

    @Test
    void ifAndElsePathsPayForWhatTheyRun() {
        Run r = metered("""
                (module (func (export "sel") (param i32) (result i32)
                  local.get 0          ;; 1 } 2
                  if (result i32)      ;; 1 }
                    i32.const 10       ;; 1 } then: 4
                    i32.const 20       ;; 1 }
                    i32.mul            ;; 2 }
                  else                 ;; 0 }
                    i32.const 7        ;; 1 } else: 1
                  end                  ;; 0 }
                  i32.const 1          ;; 1 } after: 2
                  i32.add))            ;; 1 }
                """);
        assertEquals(2 + 4 + 2, r.gasUsedBy(100, "sel", 1));
        assertEquals(2 + 1 + 2, r.gasUsedBy(100, "sel", 0));
    }

    @Test
    void brTableTargetsPayOnlyTheirOwnBlocks() {
        Run r = metered("""
                (module (func (export "bt") (param i32) (result i32)
                  block                ;; 1 }
                    block              ;; 1 } 5
                      local.get 0      ;; 1 }
                      br_table 0 1 1   ;; 2 }
                    end                ;; 0
                    i32.const 100      ;; 1 } 2
                    return             ;; 1 }
                  end                  ;; 0
                  i32.const 200))      ;; 1 } 1
                """);
        assertEquals(5 + 2, r.gasUsedBy(100, "bt", 0));
        assertArrayEquals(new long[] {100}, r.call("bt", 0));
        assertEquals(5 + 1, r.gasUsedBy(100, "bt", 1));
        assertEquals(5 + 1, r.gasUsedBy(100, "bt", 7));
        assertArrayEquals(new long[] {200}, r.call("bt", 7));
    }

    @Test
    void callsAndCalleesAreChargedSeparately() {
        Run r = metered("""
                (module
                  (type $t (func (result i32)))
                  (table 1 funcref) (elem (i32.const 0) $g)
                  (func $g (result i32)
                    i32.const 5)           ;; 1 (in a table: not flat, metered on its own)
                  (func (export "direct") (result i32)
                    call $g                ;; 5 } $g is self-contained: one block of 7,
                    i32.const 1            ;; 1 } then the callee's 1
                    i32.add)               ;; 1 }
                  (func (export "indirect") (result i32)
                    i32.const 0            ;; 1 } 9, then the callee's 1
                    call_indirect (type $t);; 8 } (call_indirect always ends a block)
                    drop                   ;; 1 } 2
                    i32.const 0))          ;; 1 }
                """);
        assertEquals(7 + 1, r.gasUsedBy(100, "direct"));
        assertEquals(9 + 1 + 2, r.gasUsedBy(100, "indirect"));
    }

    @Test
    void theCalleeSeesWhatTheCallerLeft() {
        // the caller writes its gas back before the call: the callee runs out where the caller's
        // charges left it, not where the call started
        String wat = """
                (module (memory (export "mem") 1)
                  (func $callee (export "callee")
                    i32.const 0 i32.const 1 i32.store)   ;; 5 (exported: not flat)
                  (func (export "caller")
                    i32.const 4 i32.const 2 i32.store    ;; 5 }
                    call $callee                         ;; 5 } $callee is self-contained: one block of 15
                    i32.const 8 i32.const 3 i32.store))  ;; 5 }
                """;
        Run r = metered(wat);
        assertEquals(15 + 5, r.gasUsedBy(100, "caller"));
        Run low = metered(wat);
        low.setGas(19); // 15 fit, 4 are left for the callee's 5
        assertThrows(Run.OutOfGas.class, () -> low.call("caller"));
        assertEquals(2, low.instance.memory().readInt(4), "the caller's block ran up to the call");
        assertEquals(0, low.instance.memory().readInt(0), "the callee's block did not start");
        assertEquals(0, low.instance.memory().readInt(8), "the caller never came back");
        Run exact = metered(wat);
        exact.setGas(20);
        exact.call("caller");
        assertEquals(0, exact.gas());
        assertEquals(3, exact.instance.memory().readInt(8));
    }

    @Test
    void aHostFunctionSeesTheExactRemainingGas() {
        // every call is a sync point: inside a host function the gas global is exact
        List<Long> seen = new ArrayList<>();
        Run[] self = new Run[1];
        Map<String, Run.Host> hosts = Map.of("ecliptica.block_height", (inst, a) -> {
            seen.add(self[0].gas());
            return new long[] {0};
        });
        Run r = metered("""
                (module (import "ecliptica" "block_height" (func $h (result i64)))
                  (func (export "f") (local i32)
                    loop                           ;; 1: block A (the loop is targeted)
                      local.get 0 i32.const 1      ;; 2 } block B, 7 per iteration
                      i32.add local.tee 0          ;; 2 }
                      i32.const 3 i32.lt_u br_if 0 ;; 3 }
                    end                            ;; 0 } block C: the loop's end is not a branch target
                    call $h                        ;; 5 + 20 } C = 25; a call of an import ends it
                    drop                           ;; 1      } block D = 26
                    call $h                        ;; 5 + 20 }
                    drop))                         ;; 1: block E
                """, hosts);
        self[0] = r;
        assertEquals(1 + 3 * 7 + 25 + 26 + 1, r.gasUsedBy(1000, "f"));
        assertEquals(List.of(1000L - (1 + 3 * 7 + 25), 1000L - (1 + 3 * 7 + 25 + 26)), seen);
    }

    @Test
    void callsOfFunctionsThatReachNoImportDoNotEndABlock() {
        // $leaf is self-contained (no import, no call_indirect); $outer calls an import, so
        // $middle, which calls $outer, is not self-contained either
        Run r = metered("""
                (module (import "ecliptica" "block_height" (func $h (result i64)))
                  (memory (export "mem") 1)
                  (func $leaf (export "leaf") i32.const 0 i32.const 7 i32.store)  ;; 5
                  (func $outer (export "outer") call $h drop)                     ;; 5 + 20 + 1 = 26 (two blocks: 25, 1)
                  (func $middle (export "middle") call $outer)                    ;; 5
                  (func (export "a")
                    call $leaf                          ;; 5 } one block of 10
                    i32.const 4 i32.const 1 i32.store)  ;; 5 }
                  (func (export "b")
                    call $middle                        ;; 5: its own block
                    i32.const 4 i32.const 1 i32.store)) ;; 5: the next block
                """, Map.of("ecliptica.block_height", (inst, a) -> new long[] {0}));
        assertEquals(10 + 5, r.gasUsedBy(100, "a"));
        assertEquals(5 + 5 + 26 + 5, r.gasUsedBy(100, "b"));
        Run low = metered("""
                (module (memory (export "mem") 1)
                  (func $leaf (export "leaf") i32.const 0 i32.const 7 i32.store)
                  (func (export "a")
                    call $leaf
                    i32.const 4 i32.const 1 i32.store))
                """);
        low.setGas(9); // the caller's merged block of 10 does not fit: nothing runs
        assertThrows(Run.OutOfGas.class, () -> low.call("a"));
        assertEquals(0, low.instance.memory().readInt(0));
        assertEquals(0, low.instance.memory().readInt(4));
    }

    @Test
    void flatFunctionsArePaidForByTheirCallers() {
        // $flat: not exported, not in a table, no call, no dynamic cost, one metered block (7):
        // a call of it costs 5 + 7 in the caller's block, and its body is not metered
        String wat = """
                (module (memory (export "mem") 1)
                  (func $flat (param i32) (result i32)
                    local.get 0 i32.const 0 i32.load i32.add   ;; 1 + 1 + 3 + 1
                    block end)                                 ;; 1 + 0: still one block, 7
                  (func (export "f") (result i32)
                    i32.const 0 i32.const 1 i32.store          ;; 5          }
                    i32.const 2 call $flat                     ;; 1 + 5 + 7  } one block of 20
                    i32.const 1 i32.add))                      ;; 2          }
                """;
        Run r = metered(wat);
        assertEquals(20, r.gasUsedBy(100, "f"));
        assertArrayEquals(new long[] {4}, r.call("f"));
        Run low = metered(wat);
        low.setGas(19);
        assertThrows(Run.OutOfGas.class, () -> low.call("f"));
        assertEquals(0, low.instance.memory().readInt(0), "the whole block, callee included, is charged first");
        // the flat function's body has no charge of its own: it does not touch the gas at all
        byte[] out = Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1).wasm();
        var body = Run.parse(out).codeSection().getFunctionBody(0).instructions();
        assertTrue(body.stream().noneMatch(i -> i.opcode() == com.dylibso.chicory.wasm.types.OpCode.GLOBAL_GET
                || i.opcode() == com.dylibso.chicory.wasm.types.OpCode.GLOBAL_SET), body.toString());
    }

    @Test
    void loopEndsAndUntargetedBlockEndsDoNotStartABlock() {
        String wat = """
                (module (memory (export "mem") 1)
                  (func (export "m") (local i32)
                    block            ;; 1 } no branch targets the block or the loop:
                      i32.const 1    ;; 1 } entering and leaving them is sequential,
                      local.set 0    ;; 1 } so this is one block of 11
                    end              ;; 0 }
                    loop             ;; 1 }
                      local.get 0    ;; 1 }
                      drop           ;; 1 }
                    end              ;; 0 }
                    i32.const 0 i32.const 9 i32.store))  ;; 5 }
                """;
        Run r = metered(wat);
        assertEquals(11, r.gasUsedBy(100, "m"));
        Run low = metered(wat);
        low.setGas(10);
        assertThrows(Run.OutOfGas.class, () -> low.call("m"));
        assertEquals(0, low.instance.memory().readInt(0));
    }

    static final Map<String, Run.Host> HOSTS = Map.of("ecliptica.block_time", (inst, a) -> new long[] {0});

    static final String TWO_BLOCKS = """
            (module (import "ecliptica" "block_time" (func $t (result i64)))
              (memory (export "mem") 1)
              (func (export "two")
                i32.const 0 i32.const 1 i32.store   ;; 5      } 30: a call of an import ends the block
                call $t                             ;; 5 + 20 }
                drop                                ;; 1 } 6: the second block
                i32.const 4 i32.const 2 i32.store)) ;; 5 }
            """;

    @Test
    void aBlockThatRunsOutHasNoEffect() {
        Run r = metered(TWO_BLOCKS, HOSTS);
        assertEquals(30 + 6, r.gasUsedBy(100, "two"));
        Run fresh = metered(TWO_BLOCKS, HOSTS);
        fresh.setGas(35);
        assertThrows(Run.OutOfGas.class, () -> fresh.call("two"));
        assertEquals(1, fresh.instance.memory().readInt(0), "the first block ran");
        assertEquals(0, fresh.instance.memory().readInt(4), "the second block never started");
    }

    @Test
    void anInfiniteLoopEndsByGas() {
        Run r = metered("""
                (module (memory (export "mem") 1)
                  (func (export "spin")
                    loop                          ;; 1, once
                      i32.const 0                 ;; 1 } 11 per iteration: count the
                      i32.const 0 i32.load        ;; 4 } iterations in memory
                      i32.const 1 i32.add         ;; 2 }
                      i32.store                   ;; 3 }
                      br 0                        ;; 1 }
                    end))
                """);
        r.setGas(1000);
        assertThrows(Run.OutOfGas.class, () -> r.call("spin"));
        // 1 + 90 * 11 = 991 fit; the 91st iteration's charge does not
        assertEquals(90, r.instance.memory().readInt(0));
    }

    @Test
    void memoryGrowPaysPerPageRequestedEvenWhenItFails() {
        Run r = metered("""
                (module (memory 1 10)
                  (func (export "grow") (param i32) (result i32)
                    local.get 0        ;; 1
                    memory.grow))      ;; 100 + 4096 per page
                """);
        assertEquals(101 + 3 * 4096, r.gasUsedBy(10_000_000, "grow", 3));
        assertEquals(101, r.gasUsedBy(10_000_000, "grow", 0));
        r.setGas(10_000_000);
        assertArrayEquals(new long[] {-1 & 0xFFFF_FFFFL}, new long[] {r.call("grow", 100)[0] & 0xFFFF_FFFFL});
        assertEquals(101 + 100 * 4096, 10_000_000 - r.gas());
        r.setGas(101 + 2 * 4096 - 1);
        assertThrows(Run.OutOfGas.class, () -> r.call("grow", 2));
        assertEquals(4, r.instance.memory().pages(), "the grow that did not fit did not happen (1 + 3 pages)");
    }

    @Test
    void bulkMemoryPaysPerByte() {
        Run r = metered("""
                (module (memory 1)
                  (data $d "0123456789")
                  (func (export "fill") (param i32)
                    i32.const 0 i32.const 0xab local.get 0   ;; 3
                    memory.fill)                             ;; 10 + n
                  (func (export "copy") (param i32)
                    i32.const 100 i32.const 0 local.get 0    ;; 3
                    memory.copy)                             ;; 10 + n
                  (func (export "init") (param i32)
                    i32.const 200 i32.const 0 local.get 0    ;; 3
                    memory.init $d))                         ;; 10 + n
                """);
        assertEquals(13 + 1000, r.gasUsedBy(1_000_000, "fill", 1000));
        assertEquals(13, r.gasUsedBy(1_000_000, "fill", 0));
        assertEquals(13 + 64, r.gasUsedBy(1_000_000, "copy", 64));
        assertEquals(13 + 10, r.gasUsedBy(1_000_000, "init", 10));
        r.setGas(13 + 99);
        assertThrows(Run.OutOfGas.class, () -> r.call("fill", 100));
    }

    @Test
    void tableBulkPaysPerElement() {
        Run r = metered("""
                (module (table 8 funcref) (func $a) (elem $e func $a $a $a)
                  (func (export "tinit") (param i32)
                    i32.const 0 i32.const 0 local.get 0   ;; 3
                    table.init $e)                        ;; 10 + 4 per element
                  (func (export "tcopy") (param i32)
                    i32.const 4 i32.const 0 local.get 0   ;; 3
                    table.copy))                          ;; 10 + 4 per element
                """);
        assertEquals(13 + 3 * 4, r.gasUsedBy(1000, "tinit", 3));
        assertEquals(13 + 2 * 4, r.gasUsedBy(1000, "tcopy", 2));
    }

    @Test
    void hostCallsPayBasePlusPerByteOfTheirLengths() {
        List<long[]> seen = new ArrayList<>();
        Map<String, Run.Host> hosts = Map.of(
                "ecliptica.storage_write", (inst, a) -> {
                    seen.add(a.clone());
                    return null;
                },
                "ecliptica.block_height", (inst, a) -> new long[] {42});
        Run r = metered("""
                (module
                  (import "ecliptica" "storage_write" (func $w (param i32 i32 i32 i32)))
                  (import "ecliptica" "block_height" (func $h (result i64)))
                  (memory 1)
                  (func (export "w") (param i32 i32)
                    i32.const 0 local.get 0 i32.const 100 local.get 1   ;; 4
                    call $w)                                            ;; 5 + 5000 + 20 per byte
                  (func (export "h") (result i64)
                    call $h))                                           ;; 5 + 20
                """, hosts);
        assertEquals(4 + 5 + 5000 + 20 * (3 + 5), r.gasUsedBy(1_000_000, "w", 3, 5));
        assertArrayEquals(new long[] {0, 3, 100, 5}, seen.get(0), "arguments pass through unchanged");
        // lengths are unsigned: 0xffffffff bytes is 4294967295, not -1
        assertEquals(4 + 5 + 5000 + 20 * (0xFFFF_FFFFL + 1), r.gasUsedBy(Long.MAX_VALUE, "w", -1, 1));
        assertEquals(25, r.gasUsedBy(1000, "h"));
        // out of gas on the per-byte part: the host function is not called
        int before = seen.size();
        r.setGas(4 + 5 + 5000 + 20 * 8 - 1);
        assertThrows(Run.OutOfGas.class, () -> r.call("w", 3, 5));
        assertEquals(before, seen.size());
    }

    @Test
    void startFunctionIsExportedNotRunAtInstantiation() {
        byte[] wasm = TestSupport.wat("""
                (module (global $g (export "g") (mut i32) (i32.const 0))
                  (func $init i32.const 7 global.set $g)   ;; 1 + 2
                  (start $init)
                  (func (export "get") (result i32) global.get $g))
                """);
        Prepared p = Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1);
        assertTrue(p.hasStart());
        assertFalse(Instrumenter.prepare(TestSupport.wat(STRAIGHT), Profile.ECLIPTICA_V1).hasStart());
        com.dylibso.chicory.wasm.WasmModule m = Run.parse(p.wasm());
        assertTrue(m.startSection().isEmpty(), "no start section");
        // instantiate by hand: nothing runs before the host sets the gas
        com.dylibso.chicory.runtime.Instance inst = com.dylibso.chicory.runtime.Instance.builder(m)
                .withImportValues(com.dylibso.chicory.runtime.ImportValues.builder()
                        .addFunction(new com.dylibso.chicory.runtime.HostFunction("__ecliptica", "out_of_gas",
                                com.dylibso.chicory.wasm.types.FunctionType.empty(), (i, a) -> {
                                    throw new Run.OutOfGas();
                                }))
                        .addFunction(new com.dylibso.chicory.runtime.HostFunction("__ecliptica", "stack_exhausted",
                                com.dylibso.chicory.wasm.types.FunctionType.empty(), (i, a) -> {
                                    throw new Run.StackExhausted();
                                }))
                        .build())
                .build();
        assertEquals(0, inst.exports().global("g").getValue());
        inst.exports().global(Instrumenter.GAS_GLOBAL).setValue(100);
        inst.export(Instrumenter.START_EXPORT).apply();
        assertEquals(7, inst.exports().global("g").getValue());
        assertEquals(97, inst.exports().global(Instrumenter.GAS_GLOBAL).getValue());
    }

    @Test
    void gasGlobalStartsAtZeroSoAForgottenLimitRunsOutAtOnce() {
        byte[] wasm = Instrumenter.prepare(TestSupport.wat(STRAIGHT), Profile.ECLIPTICA_V1).wasm();
        Run r = Run.of(wasm, Map.of(), 0);
        assertEquals(0, r.gas());
        assertThrows(Run.OutOfGas.class, () -> r.call("f"));
    }

    @Test
    void aBlockOfCostZeroIsNotCharged() {
        // an empty function is only its final end (weight 0): no charge, runs with no gas at all
        Run r = Run.of(Instrumenter.prepare(TestSupport.wat("(module (func (export \"e\")))"), Profile.ECLIPTICA_V1)
                .wasm(), Map.of(), 0);
        r.call("e");
        assertEquals(0, r.gas());
    }

    @Test
    void aBulkOperationPaysForItsLengthBeforeItRuns() {
        String wat = """
                (module (memory 1)
                  (func (export "fill") (param i32 i32)
                    local.get 0 i32.const 0 local.get 1   ;; 3
                    memory.fill))                         ;; 10 + n, then out of bounds
                """;
        Run r = metered(wat);
        r.setGas(13 + 999);
        // the length is paid before the operation: an unaffordable fill runs out of gas, even
        // where it would then have been out of bounds
        assertThrows(Run.OutOfGas.class, () -> r.call("fill", 65000, 1000));
        Run enough = metered(wat);
        enough.setGas(13 + 1000);
        assertThrows(com.dylibso.chicory.wasm.ChicoryException.class, () -> enough.call("fill", 65000, 1000));
    }

    @Test
    void revertPaysBeforeItEndsTheCall() {
        Map<String, Run.Host> hosts = Map.of("ecliptica.revert", (inst, a) -> {
            throw new AbiHost.Revert(new byte[0]);
        });
        Run r = metered("""
                (module (import "ecliptica" "revert" (func $rv (param i32 i32))) (memory 1)
                  (func (export "r") (param i32)
                    i32.const 0 local.get 0   ;; 2
                    call $rv                  ;; 5 + 50 + 1 per byte
                    unreachable))             ;; never charged: its own block
                """, hosts);
        r.setGas(1000);
        assertThrows(AbiHost.Revert.class, () -> r.call("r", 30));
        assertEquals(2 + 5 + 50 + 30, 1000 - r.gas());
    }

    @Test
    void gasLeftAfterARevertDeepInACallIsExact() {
        // the gas local of every frame on the way was written back at its call: a revert (a host
        // call) leaves the exact remaining gas in the global, loops and nested calls included
        Map<String, Run.Host> hosts = Map.of("ecliptica.revert", (inst, a) -> {
            throw new AbiHost.Revert(new byte[0]);
        });
        Run r = metered("""
                (module (import "ecliptica" "revert" (func $rv (param i32 i32))) (memory 1)
                  (func $inner (param i32)
                    i32.const 0 local.get 0            ;; 2 } 57 + n
                    call $rv)                          ;; 5 + 50 + n }
                  (func (export "r") (param i32) (local i32)
                    loop                               ;; 1: block A (the loop is targeted)
                      local.get 1 i32.const 1 i32.add  ;; 3 } block B, 7 per iteration,
                      local.tee 1                      ;; 1 } 3 iterations
                      i32.const 3 i32.lt_u br_if 0     ;; 3 }
                    end                                ;; 0 } block C = 6: $inner reaches an import,
                    local.get 0                        ;; 1 } so the call ends the block
                    call $inner                        ;; 5 }
                    unreachable))                      ;; never charged
                """, hosts);
        r.setGas(10_000);
        assertThrows(AbiHost.Revert.class, () -> r.call("r", 30));
        assertEquals(1 + 3 * 7 + 6 + 57 + 30, 10_000 - r.gas());
    }
}
