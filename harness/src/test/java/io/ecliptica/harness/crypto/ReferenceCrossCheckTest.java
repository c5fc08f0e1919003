package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random inputs through the whole scheme, in Java (BouncyCastle) and in the independent reference
 * {@code docs/reference/privacy.mjs --json} (noble): state values, envelopes, signatures and account
 * keys must be byte-identical. Skipped when Node or the reference's node_modules is missing.
 */
class ReferenceCrossCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void javaAndTheReferenceAgreeOnRandomCases() throws Exception {
        NodeReference.assumeAvailable();
        Random random = new Random(8452);
        ObjectNode input = JSON.createObjectNode();
        List<String> expectedState = new ArrayList<>();
        List<String> expectedEnvelopes = new ArrayList<>();
        List<String> expectedSigning = new ArrayList<>();
        List<String> expectedAccounts = new ArrayList<>();

        ArrayNode state = input.putArray("state");
        for (int i = 0; i < 40; i++) {
            Bytes master = TestBytes.random(random, 32);
            Bytes address = TestBytes.random(random, 32);
            Bytes key = TestBytes.random(random, i % 5 == 0 ? 0 : random.nextInt(257));
            Bytes plaintext = TestBytes.random(random, i % 7 == 0 ? 0 : random.nextInt(i % 3 == 0 ? 5000 : 80));
            long height = i % 4 == 0 ? -1 - random.nextInt(3) : random.nextInt(1_000_000);
            long tx = i % 6 == 0 ? 0xFFFF_FFFFL : random.nextInt(1000);
            state.addObject().put("master", master.toHex()).put("address", address.toHex()).put("storageKey", key.toHex())
                    .put("plaintext", plaintext.toHex()).put("height", Long.toUnsignedString(height)).put("txIndex", Long.toString(tx));
            StateCipher cipher = StateCipher.forContract(master, address);
            SlotKey slot = cipher.slot(key);
            WriteContext at = new WriteContext(height, tx);
            expectedState.add(cipher.exportText().split(":")[2] + " " + slot.exportText().split(":")[3] + " "
                    + slot.nonce(at).toHex() + " " + cipher.encrypt(key, plaintext, at).toHex());
        }

        ArrayNode envelopes = input.putArray("envelopes");
        for (int i = 0; i < 12; i++) {
            ChainSecret master = ChainSecret.of(TestBytes.random(random, 32));
            Bytes seed = TestBytes.random(random, 64);
            Bytes payload = TestBytes.random(random, i == 0 ? 0 : random.nextInt(300));
            OutputPosition at = new OutputPosition(random.nextLong(), random.nextInt(100), random.nextInt(10));
            envelopes.addObject().put("master", master.exportText().substring("master:".length())).put("viewingSeed", seed.toHex())
                    .put("payload", payload.toHex()).put("height", Long.toUnsignedString(at.height()))
                    .put("txIndex", at.txIndex()).put("outputIndex", at.outputIndex());
            ViewingKey viewer = ViewingKey.fromSeed(seed);
            expectedEnvelopes.add(viewer.publicKey().fingerprint().toHex() + " " + master.encapsulationRandomness(at, viewer.publicKey()).toHex()
                    + " " + ViewerEnvelope.seal(master, at, viewer.publicKey(), payload).toHex());
        }

        ArrayNode signing = input.putArray("signing");
        for (int i = 0; i < 6; i++) {
            Bytes seed = TestBytes.random(random, 32);
            SpendingKey key = SpendingKey.fromSeed(seed);
            Bytes to = TestBytes.random(random, 32);
            long chainId = random.nextLong();
            long nonce = random.nextLong();
            long gasLimit = random.nextLong();
            String function = i == 0 ? "" : "fn_" + i + (i % 2 == 0 ? "é" : "");
            Bytes in = TestBytes.random(random, random.nextInt(100));
            List<WasmValue> args = List.of(WasmValue.i32(random.nextInt()), WasmValue.i64(random.nextLong()),
                    WasmValue.f32Bits(random.nextInt()), WasmValue.f64Bits(random.nextLong())).subList(0, i % 5);
            ObjectNode c = signing.addObject().put("spendingSeed", seed.toHex()).put("chainId", Long.toUnsignedString(chainId))
                    .put("to", to.toHex()).put("nonce", Long.toUnsignedString(nonce)).put("gasLimit", Long.toUnsignedString(gasLimit))
                    .put("function", function).put("input", in.toHex());
            ArrayNode a = c.putArray("args");
            args.forEach(v -> a.add(v.toString()));
            TransactionPayload payload = new TransactionPayload(chainId, key.address(), to, nonce, gasLimit, function, in, args);
            expectedSigning.add(Sha256.digest(key.publicKey().encoded()).toHex() + " " + key.address().toHex() + " "
                    + payload.encode().toHex() + " " + key.sign(payload).toHex());
        }

        ArrayNode accounts = input.putArray("accounts");
        for (int i = 0; i < 4; i++) {
            Bytes secret = TestBytes.random(random, 32);
            accounts.add(secret.toHex());
            AccountKeys keys = AccountKeys.fromSecret(secret);
            expectedAccounts.add(keys.viewingKey().publicKey().fingerprint().toHex() + " " + keys.address().toHex());
        }

        JsonNode out = JSON.readTree(NodeReference.run(List.of("--json"), JSON.writeValueAsString(input)));
        assertEquals(expectedState, joined(out.get("state"), "contractKey", "slotKey", "nonce", "stored"));
        assertEquals(expectedEnvelopes, joined(out.get("envelopes"), "publicKeySha256", "randomness", "envelope"));
        assertEquals(expectedSigning, joined(out.get("signing"), "publicKeySha256", "address", "payload", "signature"));
        assertEquals(expectedAccounts, joined(out.get("accounts"), "viewingPublicKeySha256", "address"));
    }

    static List<String> joined(JsonNode list, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            List<String> parts = new ArrayList<>();
            for (String f : fields) {
                parts.add(n.get(f).asText());
            }
            out.add(String.join(" ", parts));
        }
        return out;
    }
}
