package io.ecliptica.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The contracts of a bundled filler, each raw and prepared under ecliptica-v1 with a storage of
 * its own for either form (seeded from the filler's genesis), and a walk over the filler's
 * transactions to those contracts.
 */
final class FillerTransactions {

    /** One contract: both forms of its code, its address, and the storage each form has written so far. */
    record Contract(byte[] raw, byte[] metered, byte[] address, Map<String, byte[]> rawStorage,
                    Map<String, byte[]> meteredStorage) {
    }

    /** Runs one transaction on a contract; returns whether it counts (e.g. was compared). */
    interface Step {
        boolean run(Contract contract, JsonNode tx, JsonNode block) throws Exception;
    }

    private final JsonNode root;
    private final Map<String, Contract> contracts = new HashMap<>();

    private FillerTransactions(Path filler) throws Exception {
        root = new ObjectMapper().readTree(filler.toFile());
        for (var e : root.path("contracts").properties()) {
            byte[] wasm = Files.readAllBytes(filler.getParent().resolve(e.getValue().path("code").asText()));
            Map<String, byte[]> preset = new HashMap<>();
            for (var kv : e.getValue().path("storage").properties()) {
                preset.put(HexFormat.of().formatHex(ContractBehaviourTest.hex(kv.getKey())),
                        ContractBehaviourTest.hex(kv.getValue().asText()));
            }
            contracts.put(e.getKey(), new Contract(wasm, Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1).wasm(),
                    ContractBehaviourTest.hex(e.getValue().path("address").asText()), new HashMap<>(preset),
                    new HashMap<>(preset)));
        }
    }

    static FillerTransactions load(Path filler) throws Exception {
        return new FillerTransactions(filler);
    }

    /**
     * Runs {@code step} on every transaction, in order, whose target is one of the filler's
     * contracts (others go to plain addresses); returns how many steps counted.
     */
    int forEach(Step step) throws Exception {
        int counted = 0;
        for (JsonNode block : root.path("blocks")) {
            for (JsonNode tx : block.path("transactions")) {
                Contract c = contracts.get(tx.path("to").asText());
                if (c != null && step.run(c, tx, block)) {
                    counted++;
                }
            }
        }
        return counted;
    }
}
