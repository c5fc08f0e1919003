package io.ecliptica.harness.vector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON of a filled vector (docs/vector-format.md) from a filler and the results every
 * engine agreed on. Member order is fixed here, so the same inputs give the same bytes.
 */
public final class FixtureWriter {
    private FixtureWriter() {
    }

    /** Expected results of one block, as agreed by all engines. */
    public record BlockResults(List<CallResult> results, Bytes stateRoot, Bytes receiptsRoot) {
    }

    /**
     * @param filler      the filler as read
     * @param fixtureFile where the fixture will be written (paths inside are relative to it)
     */
    public static ObjectNode build(Vector filler, Path fixtureFile, Provenance provenance, Bytes preStateRoot,
                                   List<BlockResults> blocks) {
        ObjectNode root = CanonicalJson.object();
        ObjectNode info = root.putObject("_info");
        info.put("format", Vector.Kind.FIXTURE.format());
        info.put("description", filler.description());
        info.put("harness", provenance.harness());
        info.put("abi", provenance.abi());
        info.put("stateRootScheme", provenance.stateRootScheme());
        info.put("profile", filler.profile());
        info.put("costTableHash", provenance.costTableHash());
        info.put("filler", provenance.filler());
        info.put("fillerHash", provenance.fillerHash());
        ObjectNode sources = info.putObject("sources");
        provenance.sources().forEach(sources::put);
        engines(info.putArray("filledBy"), provenance.filledBy());

        filler.privacy().ifPresent(p -> {
            ObjectNode po = root.putObject("privacy");
            po.put("scheme", VectorReader.PRIVACY_SCHEME);
            po.put("chainId", p.chainId());
            // the chain's shared secret is an input of execution like the code; account secrets stay in the filler
            po.put("masterSecret", p.master().exportText().substring("master:".length()));
            ObjectNode accounts = po.putObject("accounts");
            for (PrivacySpec.Account a : p.directory()) {
                ObjectNode ao = accounts.putObject(a.name());
                ao.put("address", a.address().toHex());
                ao.put("viewingKey", a.viewingKey().encoded().toHex());
                ao.put("spendingKey", a.spendingKey().encoded().toHex());
            }
        });
        ObjectNode contracts = root.putObject("contracts");
        for (ContractSpec c : filler.contracts()) {
            ObjectNode o = contracts.putObject(c.name());
            o.put("address", c.address().toHex());
            o.put("codeHash", c.codeHash().toHex());
            if (!c.source().isEmpty()) {
                o.put("source", relocate(filler.file(), fixtureFile, c.source()));
            }
            ObjectNode storage = o.putObject("storage");
            for (Map.Entry<Bytes, Bytes> kv : c.storage().entrySet()) {
                storage.put(kv.getKey().toHex(), kv.getValue().toHex());
            }
            o.put("code", c.code().toHex());
        }
        root.put("preStateRoot", preStateRoot.toHex());

        ArrayNode blockArray = root.putArray("blocks");
        for (int b = 0; b < filler.blocks().size(); b++) {
            BlockSpec spec = filler.blocks().get(b);
            BlockResults res = blocks.get(b);
            ObjectNode bo = blockArray.addObject();
            bo.put("height", spec.header().height());
            bo.put("time", spec.header().time());
            ArrayNode txs = bo.putArray("transactions");
            for (int t = 0; t < spec.transactions().size(); t++) {
                TxSpec tx = spec.transactions().get(t);
                ObjectNode to = txs.addObject();
                to.put("from", tx.tx().from().toHex());
                to.put("to", tx.tx().to().toHex());
                to.put("function", tx.tx().function());
                to.put("input", tx.tx().input().toHex());
                if (!tx.tx().args().isEmpty()) {
                    ArrayNode args = to.putArray("args");
                    tx.tx().args().forEach(a -> args.add(a.toString()));
                }
                to.put("gasLimit", tx.tx().gasLimit());
                tx.tx().auth().ifPresent(a -> {
                    to.put("nonce", a.nonce());
                    to.put("publicKey", a.publicKey().toHex());
                    to.put("signature", a.signature().toHex());
                });
                to.set("expect", result(res.results().get(t)));
            }
            ObjectNode expect = bo.putObject("expect");
            expect.put("stateRoot", res.stateRoot().toHex());
            expect.put("receiptsRoot", res.receiptsRoot().toHex());
        }
        return root;
    }

    static ObjectNode result(CallResult r) {
        ObjectNode o = CanonicalJson.object();
        o.put("status", r.status().id());
        o.put("class", r.errorClass());
        o.put("output", r.output().toHex());
        ArrayNode results = o.putArray("results");
        for (WasmValue v : r.results()) {
            results.add(v.toString());
        }
        ArrayNode events = o.putArray("events");
        for (Event e : r.events()) {
            ObjectNode eo = events.addObject();
            eo.put("emitter", e.emitter().toHex());
            eo.put("topic", e.topic().toHex());
            eo.put("data", e.data().toHex());
        }
        ArrayNode writes = o.putArray("writes");
        for (StorageWrite w : r.writes()) {
            ObjectNode wo = writes.addObject();
            wo.put("address", w.address().toHex());
            wo.put("key", w.key().toHex());
            if (w.isDeletion()) {
                wo.putNull("value");
            } else {
                wo.put("value", w.value().get().toHex());
            }
        }
        o.put("gasUsed", r.gasUsed());
        o.put("stateRoot", r.stateRoot().toHex());
        return o;
    }

    /** Re-expresses a path written relative to {@code from} as relative to {@code to}, with '/'. */
    static String relocate(Path from, Path to, String relative) {
        Path target = VectorReader.resolve(from, relative);
        Path base = to.toAbsolutePath().normalize().getParent();
        return base.relativize(target).toString().replace('\\', '/');
    }

    /** The engines that filled a vector or recorded a chain: engine, library, version and mode of each. */
    public static void engines(ArrayNode into, List<Provenance.FilledBy> engines) {
        for (Provenance.FilledBy f : engines) {
            ObjectNode e = into.addObject();
            e.put("engine", f.engine());
            e.put("library", f.library());
            e.put("version", f.version());
            e.put("mode", f.mode());
        }
    }
}
