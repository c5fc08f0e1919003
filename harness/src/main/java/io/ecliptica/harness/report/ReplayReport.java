package io.ecliptica.harness.report;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.result.CallResult;
import java.io.PrintStream;
import java.util.Locale;

/** The text report of a replay or of gen-chain's recording run: one verdict, and where it went wrong. */
public final class ReplayReport {
    private final PrintStream out;

    public ReplayReport(PrintStream out) {
        this.out = out;
    }

    public void print(ReplayOutcome outcome) {
        switch (outcome) {
            case ReplayOutcome.Agreed a -> out.printf(Locale.ROOT,
                    "OK  blocks %d..%d (%d transactions)%s: every engine agrees with every recorded state root, "
                            + "receipts root and gas used%n    final state root %s%n",
                    a.firstHeight(), a.lastHeight(), a.transactions(),
                    a.resumedFrom() > 0 ? ", resumed from the checkpoint of block " + a.resumedFrom() : "",
                    a.finalStateRoot().toHex());
            case ReplayOutcome.EngineFailed f -> out.printf(Locale.ROOT,
                    "ENGINE FAILURE at block %d, transaction %d: %s gave no result (%s: %s)%n",
                    f.height(), f.txIndex(), f.engine(), f.failure().kind().id(), f.failure().message());
            case ReplayOutcome.Diverged d -> diverged(d);
            case ReplayOutcome.Mismatch m -> mismatch(m);
        }
    }

    private void diverged(ReplayOutcome.Diverged d) {
        out.printf(Locale.ROOT, "DIVERGENCE at block %d, transaction %d: engines disagree%n", d.height(), d.txIndex());
        transaction(d.transaction(), d.contract());
        int w = d.results().stream().mapToInt(r -> r.engine().length()).max().orElse(8);
        for (ReplayOutcome.EngineResult r : d.results()) {
            out.printf(Locale.ROOT, "    %-" + w + "s  %s  receipt %s%n", r.engine(), result(r.result()), r.receiptDigest().toHex());
        }
        out.println("    differing fields: " + String.join(", ", d.differingFields()));
        ReplayOutcome.HostCallDiff h = d.hostCalls();
        if (h.firstDiffering().isEmpty()) {
            out.printf(Locale.ROOT, "    host calls: all %d are identical on every engine; the difference is inside the "
                    + "engines (results, gas or status)%n", h.agreeing());
            return;
        }
        out.println("    last agreeing host call: "
                + h.lastAgreeing().map(c -> c.describe()).orElse("(none: the first call already differs)"));
        out.printf(Locale.ROOT, "    first differing host call (#%d):%n", h.agreeing());
        for (ReplayOutcome.EngineCall c : h.firstDiffering()) {
            String call = c.failure().map(f -> "(no result: " + f + ")")
                    .orElseGet(() -> c.call().map(x -> x.describe())
                            .orElse("(no call #" + h.agreeing() + ": " + c.totalCalls() + " calls in all)"));
            out.printf(Locale.ROOT, "      %-" + w + "s  %s%n", c.engine(), call);
        }
    }

    private void mismatch(ReplayOutcome.Mismatch m) {
        out.printf(Locale.ROOT, "MISMATCH at block %d: every engine agrees, but the %s differs from the recording%n",
                m.height(), m.field());
        out.printf(Locale.ROOT, "    recorded  %s%n    computed  %s%n", m.recorded(), m.computed());
        if (m.transaction() == null) {
            out.println("    the block has no transactions");
            return;
        }
        if (m.receiptDiffers()) {
            out.printf(Locale.ROOT, "    first transaction whose receipt differs from the recording: transaction %d%n",
                    m.txIndex());
        } else {
            out.printf(Locale.ROOT, "    every receipt matches the recording, so the recorded block %s contradicts the "
                    + "receipt of its last transaction: transaction %d%n", m.field(), m.txIndex());
        }
        transaction(m.transaction(), m.contract());
        out.printf(Locale.ROOT, "    result %s%n    receipt recorded %s, computed %s%n", result(m.result()),
                m.recordedReceipt().toHex(), m.computedReceipt().toHex());
    }

    private void transaction(Transaction tx, String contract) {
        out.printf(Locale.ROOT, "    tx: %s.%s from %s, input %s, gas limit %d%n", contract, tx.function(),
                tx.from().toHex(), abbreviate(tx.input().toHex()), tx.gasLimit());
    }

    private static String result(CallResult r) {
        return r.status().id() + (r.errorClass().isEmpty() ? "" : " " + r.errorClass()) + ", gas " + r.gasUsed()
                + ", " + r.writes().size() + " writes, output " + abbreviate(r.output().toHex());
    }

    private static String abbreviate(String hex) {
        return hex.length() <= 74 ? hex : hex.substring(0, 66) + "… (" + (hex.length() - 2) / 2 + " bytes)";
    }
}
