package io.ecliptica.harness.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.HarnessVersion;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.vector.CanonicalJson;
import java.util.List;

/**
 * The machine-readable report of a replay ({@code replay --json}, {@code --report FILE}): the same
 * verdict as {@link ReplayReport}, with every value whole. No timings or host details, so the same
 * replay gives the same bytes. The format is in docs/chain-format.md ("Replay report").
 */
public final class ReplayJson {

    private ReplayJson() {
    }

    public static String render(String chain, List<EngineDescriptor> engines, ReplayOutcome outcome, int exitCode) {
        ObjectNode root = CanonicalJson.object();
        root.put("harness", HarnessVersion.label());
        root.put("command", "replay");
        root.put("chain", chain);
        JsonReport.engines(root.putArray("engines"), engines);
        switch (outcome) {
            case ReplayOutcome.Agreed a -> {
                root.put("verdict", "agreed");
                root.put("firstHeight", a.firstHeight());
                root.put("lastHeight", a.lastHeight());
                root.put("transactions", a.transactions());
                root.put("finalStateRoot", a.finalStateRoot().toHex());
                root.put("resumedFrom", a.resumedFrom());
            }
            case ReplayOutcome.EngineFailed f -> {
                root.put("verdict", "engine_failure");
                root.put("height", f.height());
                root.put("tx", f.txIndex());
                root.put("engine", f.engine());
                root.put("failure", f.failure().kind().id());
                root.put("message", f.failure().message());
            }
            case ReplayOutcome.Diverged d -> diverged(root, d);
            case ReplayOutcome.Mismatch m -> mismatch(root, m);
        }
        root.put("exitCode", exitCode);
        return CanonicalJson.toText(root);
    }

    private static void diverged(ObjectNode root, ReplayOutcome.Diverged d) {
        root.put("verdict", "divergence");
        root.put("height", d.height());
        root.put("tx", d.txIndex());
        transaction(root.putObject("transaction"), d.transaction(), d.contract());
        ArrayNode fields = root.putArray("differingFields");
        d.differingFields().forEach(fields::add);
        ObjectNode results = root.putObject("results");
        for (ReplayOutcome.EngineResult r : d.results()) {
            ObjectNode o = results.putObject(r.engine());
            JsonReport.result(o, r.result());
            o.put("receipt", r.receiptDigest().toHex());
        }
        ReplayOutcome.HostCallDiff h = d.hostCalls();
        ObjectNode calls = root.putObject("hostCalls");
        calls.put("agreeing", h.agreeing());
        h.lastAgreeing().ifPresentOrElse(c -> hostCall(calls.putObject("lastAgreeing"), c), () -> calls.putNull("lastAgreeing"));
        ObjectNode first = calls.putObject("firstDiffering");
        for (ReplayOutcome.EngineCall c : h.firstDiffering()) {
            ObjectNode o = first.putObject(c.engine());
            o.put("totalCalls", c.totalCalls());
            c.failure().ifPresent(f -> o.put("failure", f));
            c.call().ifPresentOrElse(x -> hostCall(o.putObject("call"), x), () -> o.putNull("call"));
        }
    }

    private static void mismatch(ObjectNode root, ReplayOutcome.Mismatch m) {
        root.put("verdict", "mismatch");
        root.put("height", m.height());
        root.put("field", m.field());
        root.put("recorded", m.recorded());
        root.put("computed", m.computed());
        if (m.transaction() == null) {
            root.putNull("tx");
            return;
        }
        root.put("tx", m.txIndex());
        root.put("receiptDiffers", m.receiptDiffers());
        transaction(root.putObject("transaction"), m.transaction(), m.contract());
        JsonReport.result(root.putObject("result"), m.result());
        root.put("recordedReceipt", m.recordedReceipt().toHex());
        root.put("computedReceipt", m.computedReceipt().toHex());
    }

    private static void transaction(ObjectNode o, Transaction tx, String contract) {
        o.put("contract", contract);
        o.put("to", tx.to().toHex());
        o.put("function", tx.function());
        o.put("from", tx.from().toHex());
        o.put("input", tx.input().toHex());
        o.put("gasLimit", tx.gasLimit());
    }

    private static void hostCall(ObjectNode o, HostCallTrace.HostCall c) {
        o.put("index", c.index());
        o.put("depth", c.depth());
        o.put("function", c.function());
        ArrayNode args = o.putArray("args");
        c.args().forEach(a -> args.add(Long.toUnsignedString(a)));
        ArrayNode data = o.putArray("data");
        c.data().forEach(b -> data.add(b.toHex()));
        ArrayNode results = o.putArray("results");
        c.results().forEach(r -> results.add(Long.toUnsignedString(r)));
        o.put("signal", c.signal());
    }
}
