package io.ecliptica.harness.vector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds the JSON of a filler (docs/vector-format.md) from an in-memory vector whose contracts'
 * code is written beside it: {@code codeFile(contractName)} gives the path the filler names.
 * Used by the fuzzer to save cases and reproducers; member order is fixed.
 */
public final class FillerWriter {
    private FillerWriter() {
    }

    public static ObjectNode build(Vector v, java.util.function.Function<String, String> codeFile) {
        ObjectNode root = CanonicalJson.object();
        ObjectNode info = root.putObject("_info");
        info.put("format", Vector.Kind.FILLER.format());
        info.put("description", v.description());
        info.put("profile", v.profile());
        ObjectNode contracts = root.putObject("contracts");
        for (ContractSpec c : v.contracts()) {
            ObjectNode o = contracts.putObject(c.name());
            o.put("address", c.address().toHex());
            o.put("code", codeFile.apply(c.name()));
            if (!c.storage().isEmpty()) {
                ObjectNode storage = o.putObject("storage");
                for (Map.Entry<io.ecliptica.harness.state.Bytes, io.ecliptica.harness.state.Bytes> kv : c.storage().entrySet()) {
                    storage.put(kv.getKey().toHex(), kv.getValue().toHex());
                }
            }
        }
        ArrayNode blocks = root.putArray("blocks");
        for (BlockSpec b : v.blocks()) {
            ObjectNode bo = blocks.addObject();
            bo.put("height", b.header().height());
            bo.put("time", b.header().time());
            ArrayNode txs = bo.putArray("transactions");
            for (TxSpec t : b.transactions()) {
                ObjectNode to = txs.addObject();
                to.put("from", t.tx().from().toHex());
                to.put("to", t.tx().to().toHex());
                to.put("function", t.tx().function());
                to.put("input", t.tx().input().toHex());
                if (!t.tx().args().isEmpty()) {
                    ArrayNode args = to.putArray("args");
                    t.tx().args().forEach(a -> args.add(a.toString()));
                }
                to.put("gasLimit", t.tx().gasLimit());
            }
        }
        return root;
    }
}
