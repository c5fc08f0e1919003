package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The cosmwasm-gatekeeper profile (docs/gas.md §CosmWasm-like profile): CosmWasm's gatekeeper
 * operator rules and static limits, a flat 150,000 gas per operator, on this harness's host ABI.
 */
class CosmWasmProfileTest {

    static final Profile P = Profile.COSMWASM_LIKE;

    static ModuleRejectedException rejected(String wat) {
        byte[] wasm = TestSupport.wat(wat);
        return assertThrows(ModuleRejectedException.class, () -> Instrumenter.prepare(wasm, P));
    }

    static Run run(String wat) {
        return Run.of(Instrumenter.prepare(TestSupport.wat(wat), P).wasm());
    }

    @Test
    void everyOperatorCostsTheSame() {
        // const, const, add, const, mul, end: 6 operators
        Run r = run("(module (memory 1) (func (export \"f\") (result i32) i32.const 1 i32.const 2 i32.add i32.const 3 i32.mul))");
        assertEquals(6 * 150_000, r.gasUsedBy(10_000_000, "f"));
    }

    @Test
    void loopCostCountsOperatorsOnThePathTaken() {
        Run r = run("(module (memory 1)" + GasTest.LOOP.substring(GasTest.LOOP.indexOf("(module") + 7));
        // block+loop (2), test (4) per check, body (5) per iteration, then local.get and the
        // function's end (2); the branch out skips the two inner ends: (9N + 8) operators
        assertEquals((9 * 10 + 8) * 150_000L, r.gasUsedBy(Long.MAX_VALUE, "loop", 10));
    }

    @Test
    void bulkMemoryIsDenied() {
        byte[] wasm = TestSupport.wat("(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 1))))");
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> Instrumenter.prepare(wasm, P));
        assertEquals(Features.BULK_MEMORY, e.feature());
        assertEquals(FeatureGateTest.indexOf(wasm, RoundTripTest.hex("fc 0b 00")), e.offset());
        assertEquals(Features.BULK_MEMORY, rejected("(module (memory 1) (data $d \"x\") (func (data.drop $d)))").feature());
        ModuleRejectedException b = assertThrows(ModuleRejectedException.class,
                () -> Instrumenter.prepare(TestSupport.contract("bulkmem"), P));
        assertEquals(Features.BULK_MEMORY, b.feature());
    }

    @Test
    void floatsAreAllowedAndCanonicalized() {
        Run r = run("(module (memory 1) (func (export \"d\") (param f64) (result f32) local.get 0 f32.demote_f64))");
        assertEquals(0x7fc00000L, r.call("d", 0xfff4000000000001L)[0] & 0xFFFF_FFFFL);
    }

    @Test
    void theOlderDenyFloatsRuleIsAvailableAsAVariant() {
        Profile noFloats = P.withFeatures(false, false);
        for (String body : new String[] {"f32.const 1 drop", "i32.const 0 f32.load drop",
                "f32.const 1 i32.trunc_sat_f32_s drop", "i32.const 1 f64.convert_i32_s drop"}) {
            byte[] wasm = TestSupport.wat("(module (memory 1) (func " + body + "))");
            ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                    () -> Instrumenter.prepare(wasm, noFloats));
            assertEquals(Features.FLOATS, e.feature(), body);
        }
        Instrumenter.prepare(TestSupport.wat("(module (memory 1) (func i32.const 1 i32.extend8_s drop))"), noFloats);
    }

    @Test
    void staticLimits() {
        assertEquals(Features.MEMORY_REQUIRED, rejected("(module (func))").feature());
        assertEquals(Features.LIMIT_MEMORY_PAGES, rejected("(module (memory 513))").feature());
        byte[] out = Instrumenter.prepare(TestSupport.wat("(module (memory 1))"), P).wasm();
        assertEquals(512, Run.parse(out).memorySection().orElseThrow().getMemory(0).limits().maximumPages());
        assertEquals(Features.LIMIT_RESULTS, rejected("(module (memory 1) (func (result i32 i32) unreachable))").feature());
        Instrumenter.prepare(TestSupport.wat("""
                (module (memory 1) (func (result i32) (block (result i32 i32) (i32.const 1) (i32.const 2)) i32.add))"""), P);
        assertEquals(Features.LIMIT_PARAMS, rejected("(module (memory 1) (func (param" + " i32".repeat(101) + ")))").feature());
        assertEquals(Features.LIMIT_TABLE_SIZE, rejected("(module (memory 1) (table 2501 funcref))").feature());
        // 101 functions of 100 parameters: 10,100 parameters in all, over 10,000
        String f100 = " (func (param" + " i32".repeat(100) + "))";
        assertEquals(Features.LIMIT_TOTAL_PARAMS, rejected("(module (memory 1)" + f100.repeat(101) + ")").feature());
        Instrumenter.prepare(TestSupport.wat("(module (memory 1)" + f100.repeat(100) + ")"), P);
        Instrumenter.prepare(TestSupport.wat("(module (memory 1) (table 2500 funcref))"), P);
    }

    @Test
    void aBundledContractRunsTheSameUnderBothProfiles() {
        byte[] counter = TestSupport.contract("counter");
        for (Profile profile : new Profile[] {Profile.ECLIPTICA_V1, P}) {
            byte[] wasm = Instrumenter.prepare(counter, profile).wasm();
            AbiHost host = new AbiHost(new byte[0], new byte[32], new byte[32], 1, 1, new java.util.HashMap<>());
            Run r = Run.of(wasm, host.functions());
            r.call("increment");
            assertArrayEquals(AbiHost.le64(1), host.output, profile.id());
            assertTrue(r.gas() != Run.UNLIMITED, "gas was charged under " + profile.id());
        }
    }

    @Test
    void whichBundledContractsTheGatekeeperAccepts() {
        // bulk memory in the source (memory.copy/fill/init, data.drop) or in the AssemblyScript output
        for (String c : new String[] {"auction", "bulkmem", "reverter", "sha256"}) {
            assertEquals(Features.BULK_MEMORY, assertThrows(ModuleRejectedException.class,
                    () -> Instrumenter.prepare(TestSupport.contract(c), P)).feature(), c);
        }
        // traps.wat's divmod returns (i32 i32); CosmWasm allows one result
        assertEquals(Features.LIMIT_RESULTS, assertThrows(ModuleRejectedException.class,
                () -> Instrumenter.prepare(TestSupport.contract("traps"), P)).feature());
        for (String c : new String[] {"counter", "kvstore", "token", "voting", "recursion"}) {
            Run.parse(Instrumenter.prepare(TestSupport.contract(c), P).wasm());
        }
    }
}
