package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.fuzz.isolate.InProcessRunner;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.reduce.CaseMinimizer;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.fuzz.triage.Triage;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ModuleFiles;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Delta debugging keeps exactly what the divergence needs (docs/fuzzing.md, "Minimizer"). */
class CaseMinimizerTest {
    private static Transaction call(String function, Bytes input, WasmValue... args) {
        return new Transaction(Bytes.fromHex("0x" + "aa".repeat(32)), CaseDeriver.CONTRACT, function, input,
                List.of(args), 1_000_000);
    }

    /** Ten calls in three blocks; only the sixth (block 1), rem(-7, 2), diverges on bug-rem-s. */
    private static Vector tenCalls() throws Exception {
        byte[] arith = ModuleFiles.load(Path.of(CampaignTest.pool(), "arith.wat"));
        // rem(-7, 2): -1 signed, 1 as unsigned: the only call on which bug-rem-s differs
        Transaction culprit = call("rem", Bytes.fromHex("0x0102"), WasmValue.i32(-7), WasmValue.i32(2));
        List<BlockSpec> blocks = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<TxSpec> txs = new ArrayList<>();
            txs.add(new TxSpec(call("shl", Bytes.EMPTY, WasmValue.i32(1), WasmValue.i32(b)), Optional.empty()));
            txs.add(new TxSpec(call("store", Bytes.fromHex("0x0a0b")), Optional.empty()));
            if (b == 1) {
                txs.add(new TxSpec(culprit, Optional.empty()));
            }
            txs.add(new TxSpec(call("rem", Bytes.EMPTY, WasmValue.i32(7), WasmValue.i32(3)), Optional.empty()));
            blocks.add(new BlockSpec(new BlockHeader(10 + b, 1000 + b), txs, Optional.empty()));
        }
        return new Vector(Path.of("m.json"), Vector.Kind.FILLER, "minimizer test", Profiles.DEFAULT,
                List.of(CaseDeriver.generatedContract(arith)), blocks, Optional.empty(), Optional.empty());
    }

    private static InProcessRunner remSRunner() throws Exception {
        EngineRegistry reg = EngineRegistry.discover();
        List<EngineExecutor> engines = List.of(
                new EngineExecutor(reg.provider("chicory-interpreter").orElseThrow().create(), EngineExecutor.Limits.DEFAULT),
                new EngineExecutor(reg.provider("bug-rem-s").orElseThrow().create(), EngineExecutor.Limits.DEFAULT));
        return new InProcessRunner(new DifferentialRunner(engines, Profiles::byId));
    }

    @Test
    void oneDivergingCallAmongManyIsMinimizedToItselfInOneBlockWithPlainerArguments() throws Exception {
        Vector v = tenCalls();
        FuzzCase c = new FuzzCase(0, 0, "test", v, new TreeSet<>(), Optional.empty());
        try (InProcessRunner runner = remSRunner()) {
            RunOutcome first = runner.run(v);
            Signature sig = Triage.signature(first, runner).orElseThrow();
            assertEquals("results", sig.field());
            CaseMinimizer.Minimized m = new CaseMinimizer(runner, Optional.empty(), 100).minimize(c, sig, first);
            Vector min = m.minimal().vector();
            assertEquals(1, min.blocks().size());
            assertEquals(1, min.transactionCount());
            Transaction kept = min.blocks().get(0).transactions().get(0).tx();
            assertEquals("rem", kept.function());
            assertEquals(List.of(WasmValue.i32(-7), WasmValue.i32(2)), kept.args(), "zero arguments lose the divergence");
            assertTrue(kept.input().isEmpty(), "the input did not matter");
            assertEquals(new BlockHeader(11, 1001), min.blocks().get(0).header(), "the culprit's own block is kept");
            assertEquals(sig, Triage.signature(m.outcome(), runner).orElseThrow());
            assertTrue(m.tests() <= 100);
        }
    }

    /**
     * A stop request (a campaign's Ctrl-C or SIGTERM) ends minimization before the next candidate
     * run, with the smallest case so far. ddmin's first three runs: the first half (calls 1 to 5,
     * no divergence), the second half (calls 6 to 10, the culprit first: kept), that half's first
     * half (the culprit and the rem(7, 3) after it, both in block 1: kept).
     */
    @Test
    void aStopEndsMinimizationBeforeTheNextRunWithTheSmallestCaseSoFar() throws Exception {
        Vector v = tenCalls();
        FuzzCase c = new FuzzCase(0, 0, "test", v, new TreeSet<>(), Optional.empty());
        try (InProcessRunner runner = remSRunner()) {
            RunOutcome first = runner.run(v);
            Signature sig = Triage.signature(first, runner).orElseThrow();
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            CaseMinimizer.Minimized m = new CaseMinimizer(runner, Optional.empty(), 100, () -> asked.incrementAndGet() > 3)
                    .minimize(c, sig, first);
            assertEquals(3, m.tests());
            Vector min = m.minimal().vector();
            assertEquals(1, min.blocks().size());
            assertEquals(new BlockHeader(11, 1001), min.blocks().get(0).header());
            assertEquals(List.of("rem", "rem"), min.blocks().get(0).transactions().stream().map(t -> t.tx().function()).toList());
            assertEquals(List.of(WasmValue.i32(-7), WasmValue.i32(2)), min.blocks().get(0).transactions().get(0).tx().args());
            assertEquals(sig, Triage.signature(m.outcome(), runner).orElseThrow());

            CaseMinimizer.Minimized none = new CaseMinimizer(runner, Optional.empty(), 100, () -> true).minimize(c, sig, first);
            assertEquals(0, none.tests());
            assertEquals(v, none.minimal().vector(), "stopped before any run: the case itself");
        }
    }
}
