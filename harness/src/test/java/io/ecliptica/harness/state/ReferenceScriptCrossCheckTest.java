package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random storages, worlds and receipt lists, built incrementally in Java (with overwrites and
 * removals) and recomputed from their final content by {@code docs/reference/state_root.py --json}.
 * Skipped when python3 is absent.
 */
class ReferenceScriptCrossCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ArrayNode pairs(SparseMerkleTree tree) {
        ArrayNode out = JSON.createArrayNode();
        for (SparseMerkleTree.Entry e : tree.entries()) {
            out.add(JSON.createArrayNode().add(e.key().toHex()).add(e.value().toHex()));
        }
        return out;
    }

    static SparseMerkleTree randomStorage(Random random, List<Bytes> pool, int ops) {
        SparseMerkleTree tree = SparseMerkleTree.empty();
        for (int i = 0; i < ops; i++) {
            Bytes key = pool.get(random.nextInt(pool.size()));
            tree = random.nextInt(4) == 0 ? tree.remove(key) : tree.put(key, KeyPools.randomValue(random));
        }
        return tree;
    }

    @Test
    void javaRootsEqualTheReferenceScriptOnRandomCases() throws Exception {
        Random random = new Random(20240601);
        List<Bytes> pool = KeyPools.mixed(random);
        ObjectNode input = JSON.createObjectNode();
        List<String> expectedStorages = new ArrayList<>();
        List<String> expectedWorlds = new ArrayList<>();
        List<String> expectedReceipts = new ArrayList<>();

        ArrayNode storages = input.putArray("storages");
        for (int c = 0; c < 40; c++) {
            SparseMerkleTree tree = randomStorage(random, pool, random.nextInt(60));
            storages.add(pairs(tree));
            expectedStorages.add(tree.root().toHex());
        }

        ArrayNode worlds = input.putArray("worlds");
        for (int c = 0; c < 15; c++) {
            WorldState world = WorldState.empty();
            int accounts = random.nextInt(6);
            for (int a = 0; a < accounts; a++) {
                Bytes address = WorldStateTest.address(random.nextInt(20));
                world = world.withAccount(address, WorldStateTest.code(random));
                int ops = random.nextInt(20);
                for (int i = 0; i < ops; i++) {
                    Bytes key = pool.get(random.nextInt(pool.size()));
                    world = random.nextInt(4) == 0
                            ? world.withoutStorage(address, key)
                            : world.withStorage(address, key, KeyPools.randomValue(random));
                }
            }
            ArrayNode w = JSON.createArrayNode();
            for (Account account : world.accounts()) {
                w.add(JSON.createArrayNode().add(account.address().toHex()).add(account.codeHash().toHex())
                        .add(pairs(account.storage())));
            }
            worlds.add(w);
            expectedWorlds.add(world.stateRoot().toHex());
        }

        ArrayNode receipts = input.putArray("receipts");
        for (int c = 0; c < 20; c++) {
            List<byte[]> items = new ArrayList<>();
            ArrayNode r = JSON.createArrayNode();
            int n = c < 10 ? c : random.nextInt(40);
            for (int i = 0; i < n; i++) {
                byte[] item = new byte[random.nextInt(30)];
                random.nextBytes(item);
                items.add(item);
                r.add(Bytes.of(item).toHex());
            }
            receipts.add(r);
            expectedReceipts.add(ReceiptsRoot.of(items).toHex());
        }

        JsonNode output = JSON.readTree(PythonReference.run(List.of("--json"), JSON.writeValueAsString(input)));
        assertEquals(expectedStorages, strings(output.get("storages")));
        assertEquals(expectedWorlds, strings(output.get("worlds")));
        assertEquals(expectedReceipts, strings(output.get("receipts")));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
