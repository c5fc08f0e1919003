package io.ecliptica.harness.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.Vector;
import io.ecliptica.harness.vector.TxSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The oracle on hand-made traces: what it reports, and that it reports the first difference only. */
class OracleTest {
    private static final Bytes ROOT0 = Bytes.fromHex("0x" + "00".repeat(32));
    private static final Bytes ROOT1 = Bytes.fromHex("0x" + "11".repeat(32));
    private static final Bytes ROOT2 = Bytes.fromHex("0x" + "22".repeat(32));
    private static final Bytes RECEIPTS = Bytes.fromHex("0x" + "33".repeat(32));
    private static final Transaction TX = new Transaction(ROOT0, ROOT1, "f", Bytes.EMPTY, List.of(), 0);

    private static CallResult ok(String output, Bytes root) {
        return new CallResult(Status.OK, "", Bytes.fromHex(output), List.of(), List.of(new Event(ROOT1, Bytes.utf8("t"), Bytes.EMPTY)),
                List.of(), 0, root, "");
    }

    private static Vector vector(int txs, Optional<CallResult> expect, Optional<BlockSpec.Roots> roots) {
        List<TxSpec> specs = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            specs.add(new TxSpec(TX, expect));
        }
        return new Vector(Path.of("v.json"), expect.isPresent() ? Vector.Kind.FIXTURE : Vector.Kind.FILLER, "", "none",
                List.of(), List.of(new BlockSpec(new BlockHeader(7, 0), specs, roots)),
                expect.isPresent() ? Optional.of(ROOT0) : Optional.empty(), Optional.empty());
    }

    private static EngineTrace trace(String engine, Bytes blockRoot, CallResult... results) {
        return new EngineTrace(new EngineDescriptor(engine, "lib", "1", "mode"), ROOT0,
                List.of(new EngineTrace.BlockTrace(List.of(results), Optional.of(blockRoot), Optional.of(RECEIPTS))),
                Optional.empty());
    }

    @Test
    void agreementHasNoFindings() {
        Vector v = vector(2, Optional.empty(), Optional.empty());
        List<Finding> f = Oracle.judge(v, ROOT0, "", List.of(
                trace("a", ROOT1, ok("0x01", ROOT1), ok("0x02", ROOT1)),
                trace("b", ROOT1, ok("0x01", ROOT1), ok("0x02", ROOT1))));
        assertEquals(List.of(), f);
    }

    @Test
    void divergenceNamesTheFirstDifferingFieldAndEveryEnginesValue() {
        Vector v = vector(2, Optional.empty(), Optional.empty());
        List<Finding> f = Oracle.judge(v, ROOT0, "", List.of(
                trace("a", ROOT1, ok("0x01", ROOT1), ok("0x02", ROOT1)),
                trace("b", ROOT2, ok("0x01", ROOT1), ok("0x03", ROOT2)),
                trace("c", ROOT1, ok("0x01", ROOT1), ok("0x02", ROOT1))));
        assertEquals(1, f.size(), "only the first difference: " + f);
        Finding.Divergence d = assertInstanceOf(Finding.Divergence.class, f.get(0));
        assertEquals(new Location(0, 7, 1, "output"), d.at(), "output comes before stateRoot in field order");
        assertEquals(List.of("a", "b", "c"), d.values().stream().map(Finding.EngineValue::engine).toList());
        assertEquals(List.of("0x02", "0x03", "0x02"), d.values().stream().map(Finding.EngineValue::value).toList());
    }

    @Test
    void statusIsComparedBeforeOutput() {
        Vector v = vector(1, Optional.empty(), Optional.empty());
        CallResult reverted = new CallResult(Status.REVERT, "", Bytes.fromHex("0x09"), List.of(), List.of(), List.of(), 0, ROOT0, "");
        List<Finding> f = Oracle.judge(v, ROOT0, "", List.of(trace("a", ROOT1, ok("0x01", ROOT1)), trace("b", ROOT0, reverted)));
        assertEquals("status", f.get(0).at().field());
    }

    @Test
    void mismatchWhenEnginesAgreeButNotWithTheVector() {
        CallResult expected = ok("0x01", ROOT1);
        Vector v = vector(1, Optional.of(expected), Optional.of(new BlockSpec.Roots(ROOT2, RECEIPTS)));
        List<Finding> f = Oracle.judge(v, ROOT0, "", List.of(trace("a", ROOT1, ok("0x01", ROOT1)), trace("b", ROOT1, ok("0x01", ROOT1))));
        Finding.Mismatch m = assertInstanceOf(Finding.Mismatch.class, f.get(0));
        assertEquals(new Location(0, 7, -1, "stateRoot"), m.at(), "block-level root");
        assertEquals(ROOT2.toHex(), m.expected());
        assertEquals(ROOT1.toHex(), m.actual());
        assertEquals(List.of("a", "b"), m.engines());
    }

    @Test
    void preStateRootIsCheckedFirst() {
        Vector v = vector(1, Optional.of(ok("0x01", ROOT1)), Optional.of(new BlockSpec.Roots(ROOT1, RECEIPTS)));
        List<Finding> f = Oracle.judge(v, ROOT2, "", List.of(trace("a", ROOT1, ok("0x01", ROOT1))));
        assertEquals(Location.preState("preStateRoot"), f.get(0).at());
    }

    @Test
    void engineFailureIsReportedAndTheOthersAreStillCompared() {
        Vector v = vector(2, Optional.empty(), Optional.empty());
        EngineTrace failed = new EngineTrace(new EngineDescriptor("slow", "lib", "1", "m"), ROOT0,
                List.of(new EngineTrace.BlockTrace(List.of(ok("0x01", ROOT1)), Optional.empty(), Optional.empty())),
                Optional.of(new EngineTrace.Failure(0, 1, new HarnessFailure(HarnessFailure.Kind.TIMEOUT, "too slow"))));
        List<Finding> f = Oracle.judge(v, ROOT0, "", List.of(
                trace("a", ROOT1, ok("0x01", ROOT1), ok("0x02", ROOT1)), failed,
                trace("b", ROOT1, ok("0x01", ROOT1), ok("0x05", ROOT1))));
        Finding.EngineFailed ef = assertInstanceOf(Finding.EngineFailed.class, f.get(0));
        assertEquals("slow", ef.engine());
        assertEquals(1, ef.at().tx());
        Finding.Divergence d = assertInstanceOf(Finding.Divergence.class, f.get(1));
        assertTrue(d.values().stream().noneMatch(x -> x.engine().equals("slow")), "a failed engine has no value");
    }
}
