package io.ecliptica.acceptance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A filler (docs/vector-format.md) for one bundled contract and one block, written by a scenario. */
final class AbiFiller {
    static final String CALLER = "0x" + "aa".repeat(32);
    static final String ADDRESS = "0x" + "00".repeat(28) + "acce0001";
    static final long HEIGHT = 1;
    static final long TIME = 1767225600L;

    /** A transaction; {@code to} names one of {@link #instances}, or null for the contract itself. */
    record Tx(String function, byte[] input, String to) {
        Tx(String function, byte[] input) {
            this(function, input, null);
        }
    }

    final String contract;
    final List<Tx> transactions = new ArrayList<>();
    final Map<String, String> storage = new LinkedHashMap<>();
    /** Several deployments of the same code, name to address (cross-contract scenarios); empty: one. */
    final Map<String, String> instances = new LinkedHashMap<>();

    AbiFiller(String contract) {
        this.contract = contract;
    }

    /** Writes the filler as {@code dir/NAME.json}; the code path is absolute, so the filler can live anywhere. */
    Path write(Path dir, String name) {
        Path code = Repo.contract(contract);
        if (!Files.isRegularFile(code)) {
            throw new IllegalStateException("no bundled contract " + contract + " at " + code);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode info = root.putObject("_info");
        info.put("format", "ecliptica-filler/1");
        info.put("description", "acceptance scenario: " + name);
        ObjectNode contracts = root.putObject("contracts");
        Map<String, String> deployed = instances.isEmpty() ? Map.of(contract, ADDRESS) : instances;
        deployed.forEach((instance, address) -> {
            ObjectNode c = contracts.putObject(instance);
            c.put("address", address);
            c.put("code", code.toString());
            if (!storage.isEmpty()) {
                ObjectNode s = c.putObject("storage");
                storage.forEach(s::put);
            }
        });
        ObjectNode block = root.putArray("blocks").addObject();
        block.put("height", HEIGHT);
        block.put("time", TIME);
        ArrayNode txs = block.putArray("transactions");
        for (Tx t : transactions) {
            ObjectNode o = txs.addObject();
            o.put("from", CALLER);
            o.put("to", t.to() == null ? contract : t.to());
            o.put("function", t.function());
            o.put("input", ByteSpec.hex(t.input()));
        }
        Path file = dir.resolve(name + ".json");
        Json.write(file, root);
        return file;
    }
}
