package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metered module's gasUsed against an independent count ({@link ReferenceMeter}: the weights
 * of the instructions the raw module executes, plus dynamic and host costs) for every call that
 * ends normally, with revert or with abort (docs/gas.md §2, §4). This checks the block rules, the
 * merging, flat callees and every load and write-back of the gas local at once: a missing or
 * misplaced sync changes the reported gas.
 */
class ReferenceGasTest {

    /** Control flow that exercises every kind of edge of docs/gas.md §4. */
    static final String MIX = """
            (module
              (import "ecliptica" "block_height" (func $h (result i64)))
              (import "ecliptica" "return_data" (func $ret (param i32 i32)))
              (import "ecliptica" "revert" (func $rv (param i32 i32)))
              (type $tt (func (param i32) (result i32)))
              (memory 1 4)
              (table 2 funcref) (elem (i32.const 0) $t0 $t1)
              (func $t0 (param i32) (result i32) local.get 0 i32.const 1 i32.add)
              (func $t1 (param i32) (result i32)
                (if (result i32) (local.get 0) (then (call $rec (local.get 0))) (else (i32.const 7))))
              (func $rec (param i32) (result i32)
                (if (i32.eqz (local.get 0)) (then (return (i32.const 1))))
                (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 2)))
              (func $flat (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func $pair (param i32) (result i32 i32) (local.get 0) (i32.add (local.get 0) (i32.const 1)))
              (func $deep (param i32)
                (if (local.get 0)
                  (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
                  (else (call $rv (i32.const 0) (i32.const 5)))))
              (func (export "mix") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (block $b2
                      (block $b1
                        (block $b0
                          (br_table $b0 $b1 $b2 (i32.rem_u (local.get $i) (i32.const 3))))
                        (local.set $acc (i32.add (local.get $acc)
                          (call_indirect (type $tt) (local.get $i) (i32.and (local.get $i) (i32.const 1)))))
                        (br $b2))
                      (local.set $acc (i32.add (local.get $acc) (call $flat (local.get $i))))
                      (if (i32.and (local.get $i) (i32.const 4)) (then (drop (call $h)))))
                    (local.set $acc (i32.add (local.get $acc) (call $rec (i32.and (local.get $i) (i32.const 7)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (if (i32.eq (local.get $i) (i32.const 50)) (then (return (local.get $acc))))
                    (br $l)))
                (drop (memory.grow (i32.const 1)))
                (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
                (call $ret (i32.const 0) (local.get $n))
                (call $pair (local.get $acc))
                (i32.add))
              (func (export "tail") (param $n i32) (result i32)
                (block $a (result i32)
                  (block $b (result i32)
                    (local.get $n)
                    (br_if $a (i32.gt_u (local.get $n) (i32.const 10)))
                    (drop)
                    (call $rec (local.get $n))
                    (br_if $b (i32.and (local.get $n) (i32.const 1))))
                  (call $t0))
                (call $flat))
              (func (export "rv") (param $n i32) (local $i i32)
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (call $deep (local.get $n))
                unreachable))
            """;

    static Map<String, Run.Host> hosts() {
        return Map.of(
                "ecliptica.block_height", (inst, a) -> new long[] {0},
                "ecliptica.return_data", (inst, a) -> null,
                "ecliptica.revert", (inst, a) -> {
                    throw new AbiHost.Revert(new byte[0]);
                });
    }

    /** Gas of a call: the reference count on the raw module and gasUsed on the metered one. */
    static long[] both(byte[] raw, String export, long... args) {
        ReferenceMeter ref = new ReferenceMeter(raw, Profile.ECLIPTICA_V1);
        Run r = Run.of(raw, hosts(), Run.UNLIMITED, ref);
        boolean reverted = false;
        try {
            r.call(export, args);
        } catch (AbiHost.Revert e) {
            reverted = true;
        }
        Run m = Run.of(Instrumenter.prepare(raw, Profile.ECLIPTICA_V1.withAnyImports()).wasm(), hosts());
        m.setGas(Run.UNLIMITED);
        try {
            m.call(export, args);
            assertTrue(!reverted, "raw reverted, metered did not");
        } catch (AbiHost.Revert e) {
            assertTrue(reverted, "metered reverted, raw did not");
        }
        return new long[] {ref.total, Run.UNLIMITED - m.gas()};
    }

    @Test
    void everyKindOfEdgeKeepsTheCountExact() {
        byte[] raw = TestSupport.wat(MIX);
        for (long n : new long[] {0, 1, 2, 3, 4, 5, 7, 12, 20, 49, 50, 60}) {
            long[] g = both(raw, "mix", n);
            assertTrue(g[0] > 0);
            assertEquals(g[0], g[1], "mix(" + n + ")");
        }
        for (long n : new long[] {0, 1, 2, 5, 10, 11, 30}) {
            long[] g = both(raw, "tail", n);
            assertEquals(g[0], g[1], "tail(" + n + ")");
        }
        for (long n : new long[] {0, 1, 3, 8}) {
            long[] g = both(raw, "rv", n);
            assertEquals(g[0], g[1], "rv(" + n + ")");
        }
    }

    static Stream<Path> fillers() throws Exception {
        return ContractBehaviourTest.fillers();
    }

    /** Every transaction of every bundled filler that ends ok, with revert or with abort. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fillers")
    void bundledContractsReportTheReferenceCount(Path filler) {
        int n = TestSupport.onBigStack(() -> replay(filler));
        assertTrue(n > 0, "no transaction ended ok, with revert or with abort");
    }

    static int replay(Path filler) throws Exception {
        return FillerTransactions.load(filler).forEach((c, tx, block) -> {
            ReferenceMeter ref = new ReferenceMeter(c.raw(), Profile.ECLIPTICA_V1);
            Long a = gas(c.raw(), tx, block, c.address(), c.rawStorage(), ref);
            Long b = gas(c.metered(), tx, block, c.address(), c.meteredStorage(), null);
            if (a == null) {
                return false;
            }
            assertEquals(ref.total, (long) b, filler.getFileName() + ": " + tx);
            return true;
        });
    }

    /**
     * Runs one transaction; returns the gas used (the metered module's, or 0 for the raw one) if
     * it ended ok, with revert or with abort, null after any other trap.
     */
    static Long gas(byte[] wasm, JsonNode tx, JsonNode block, byte[] self, Map<String, byte[]> storage,
                    ReferenceMeter listener) {
        AbiHost host = new AbiHost(ContractBehaviourTest.hex(tx.path("input").asText("0x")),
                ContractBehaviourTest.hex(tx.path("from").asText()), self,
                block.path("height").asLong(), block.path("time").asLong(), storage);
        Run r = Run.of(wasm, host.functions(), Run.UNLIMITED, listener);
        List<Long> args = new ArrayList<>();
        for (JsonNode a : tx.path("args")) {
            args.add(ContractBehaviourTest.arg(a.asText()));
        }
        boolean ok = false;
        try {
            r.call(tx.path("function").asText(), args.stream().mapToLong(Long::longValue).toArray());
            ok = true;
        } catch (AbiHost.Revert | AbiHost.Abort e) {
            // exact gas, but nothing is written
        } catch (AbiHost.AbiViolation | ChicoryException | StackOverflowError e) {
            return null;
        }
        if (ok) {
            host.writes.forEach((k, v) -> {
                if (v == null) {
                    storage.remove(k);
                } else {
                    storage.put(k, v);
                }
            });
        }
        return r.hasGas() ? Run.UNLIMITED - r.gas() : 0L;
    }
}
