package io.ecliptica.harness.vector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

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
        v.privacy().ifPresent(p -> privacy(root.putObject("privacy"), p));
        ObjectNode contracts = root.putObject("contracts");
        for (ContractSpec c : v.contracts()) {
            ObjectNode o = contracts.putObject(c.name());
            o.put("address", c.address().toHex());
            o.put("code", codeFile.apply(c.name()));
            if (!c.storage().isEmpty()) {
                ObjectNode storage = o.putObject("storage");
                for (Map.Entry<io.ecliptica.harness.state.Bytes, io.ecliptica.harness.state.Bytes> kv : c.storage().entrySet()) {
                    // a private filler gives plaintext, which the reader encrypts as genesis storage
                    storage.put(kv.getKey().toHex(), v.privacy().map(p -> p.master().contract(c.address())
                            .decrypt(kv.getKey(), kv.getValue())).orElse(kv.getValue()).toHex());
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
                Optional<PrivacySpec.Account> signer = v.privacy().flatMap(p -> p.accounts().stream()
                        .filter(a -> a.address().equals(t.tx().from())).findFirst());
                // a private transaction names its sender's account, which the reader signs with at this nonce
                to.put("from", signer.map(PrivacySpec.Account::name).orElse(t.tx().from().toHex()));
                to.put("to", t.tx().to().toHex());
                to.put("function", t.tx().function());
                to.put("input", t.tx().input().toHex());
                if (!t.tx().args().isEmpty()) {
                    ArrayNode args = to.putArray("args");
                    t.tx().args().forEach(a -> args.add(a.toString()));
                }
                to.put("gasLimit", t.tx().gasLimit());
                if (signer.isPresent()) {
                    to.put("nonce", t.tx().auth().orElseThrow(() -> new IllegalArgumentException(
                            "a private transaction without a signature cannot be written as a filler")).nonce());
                }
            }
        }
        return root;
    }

    /** The filler form of a privacy block: the account secrets are test keys (docs/vector-format.md). */
    private static void privacy(ObjectNode o, PrivacySpec p) {
        o.put("chainId", p.chainId());
        o.put("masterSecret", p.master().exportText().substring("master:".length()));
        ObjectNode accounts = o.putObject("accounts");
        for (PrivacySpec.Account a : p.accounts()) {
            ObjectNode ao = accounts.putObject(a.name());
            ao.put("secret", a.keys().orElseThrow(() -> new IllegalArgumentException(
                    "account '" + a.name() + "' has no secret: only a filler's accounts can be written")).exportSecret().toHex());
            if (!a.listed()) {
                ao.put("directory", false);
            }
        }
    }
}
