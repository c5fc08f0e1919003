package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/privacy.md §9. The expected values are the output of the independent
 * reference {@code node docs/reference/privacy.mjs} (noble: HKDF, AES-GCM-SIV, ML-KEM-768,
 * ML-DSA-65), copied here so the test needs no Node; the Java implementation (BouncyCastle) must
 * reproduce every one, the document must show every one, and when Node and the reference's
 * node_modules are present the script is run again and must still print exactly these lines.
 */
class WorkedExamplesTest {

    static final Pattern LINE = Pattern.compile("^\\[([A-Z])\\] (\\w+) = (\\S+)$", Pattern.MULTILINE);

    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        String output = """
                [A] contract_key = 0x5592f2775d4201034aa7a9e044aba7c23c24de0d9b478d51e696677f96e132f1
                [A] slot_key = 0xf96466e35dd29dda08b9edffa5ef976da6a1b692f5f37aae7402a2b2f2f57fae
                [A] nonce = 0x487f8ee33ac36740ce18a3e9
                [A] aad = 0x65636c6970746963612f73746174652d6161642f7631000000000000000000000000000000000000000000000000000000000000000001636f756e74
                [A] stored = 0x01487f8ee33ac36740ce18a3e9b8d23515b9f9d3d7078acf86480779dd703753b22d9d4381
                [B] nonce = 0x5aa798a77cd4f6a9df412a84
                [B] stored = 0x015aa798a77cd4f6a9df412a8484e5d2b5f99684004129c87f6308df587ec98fb445033a8c
                [B] stored_empty_value = 0x015aa798a77cd4f6a9df412a842c8258bb6ebdd2e9057127b6018d1262
                [C] slot_key_owner = 0x95500358cb836a803e3eae9e585773fdf07457cfc0f68d6508a47eb6a181ae0d
                [C] slot_key_empty_key = 0x0f1c227fa0c144f82d29bb0e962c420a2effe3f2ee43e909821cab697c600319
                [C] stored_empty_key = 0x019601321d86f492af40875e6c437265be3e7b49271cd5aab892d67ff058
                [D] viewing_public_key_length = 1184
                [D] viewing_public_key_sha256 = 0x0b7934c83125c788995e2ba6bd761e33046b3e40571be53e023309a29f398cc9
                [D] viewing_public_key_first32 = 0x298aa10d423c8dda069d02bc59e6cdf03a096b8b3da4cab9b80ca4a14907672c
                [D] encaps_randomness = 0x6a0711ce06491ee93e2d3292d6a246498254332a15c051d6231099573ab50513
                [D] kem_ciphertext_sha256 = 0x59f38f6266ed0fbf63becfdb6d78fc15d586a4f765649ecb412f5e186006bd57
                [D] kem_ciphertext_first32 = 0xf2e6663b0a5baea90705b200d20d4800945e203f026d6738538819a8067b7832
                [D] shared_secret = 0x50c1c5e21891247af05de51c351475d97bd80ac52224facb236a2760b6b774b8
                [D] envelope_key = 0x713bec9e4a1043e6853acc2084a90ee3f39b3b31fa5972a5d88bf2ea25fe289d
                [D] envelope_length = 1118
                [D] envelope_sealed_part = 0x790bdaf3a431a170283b77e145201630aeb4f68de2b8874420aaf1d86f
                [D] envelope_sha256 = 0x82cd8e1895f26efc8713b695ae2f5a19a6149e47225fb04a4bf2114d34a2803b
                [E] spending_public_key_length = 1952
                [E] spending_public_key_sha256 = 0xe00c3ad05e18901d30ebc2c9044f4b0756ae6922ff258d688292e8ead8d4a2d5
                [E] spending_public_key_first32 = 0xb2d8d7b17c6c5ce1df5b588a582adfc4f2a3fff9db64179d3582f16612843ed8
                [E] address = 0x6916288c283a71aca874f75959de793a42056c39658feceb67075ff1d8ac7975
                [E] payload = 0x65636c6970746963612f74782f76310000000000000000016916288c283a71aca874f75959de793a42056c39658feceb67075ff1d8ac7975000000000000000000000000000000000000000000000000000000000000000100000000000000000000000005f5e10000036164640000000000017e0000000000000005
                [E] signature_length = 3309
                [E] signature_sha256 = 0x06228182d3617d52cc8ee10cb8e969ac3c54a04ce3bd563239a428e2f6b63535
                [E] signature_first32 = 0x45aab367566b7d600a344287d32739792e7aa5233fce91637d85cb5f569d707b
                [F] viewing_seed = 0xbd862f3c3733f9213d7edb758a8d768346d4cb98c2bcad7ad7924a0faaf152a48e65406145cc2d4aedcbc0a8f364d7c4058655c29a814270ee6810df54653910
                [F] spending_seed = 0x5c30a0f1ab6c32af84e485d08baa71f412fa7b7c711c1793afd57e8f086adbc8
                [F] viewing_public_key_sha256 = 0x2382a4ba561b68b9416defb8f0a4e518495c8539d197306394418d7fa4175d54
                [F] address = 0x68e78b4b659fbb717c038b35c1dbc43bbc146699302a1678ce10e658552489b0
                """;
        EXPECTED.putAll(parse(output));
    }

    static Map<String, String> parse(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            out.put(m.group(1) + "." + m.group(2), m.group(3));
        }
        return out;
    }

    static final Bytes MASTER = TestBytes.counting(32, 0);
    static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "01");

    /** What the Java implementation computes for every example value. */
    static Map<String, String> javaValues() {
        Map<String, String> v = new LinkedHashMap<>();
        ChainSecret master = ChainSecret.of(MASTER);
        StateCipher cipher = master.contract(CONTRACT);
        Bytes count = Bytes.utf8("count");
        Bytes five = Bytes.fromHex("0x0500000000000000");

        SlotKey slot = cipher.slot(count);
        WriteContext a = new WriteContext(1, 0);
        v.put("A.contract_key", cipher.exportText().split(":")[2]);
        v.put("A.slot_key", slot.exportText().split(":")[3]);
        v.put("A.nonce", slot.nonce(a).toHex());
        v.put("A.aad", slot.associatedData().toHex());
        Bytes storedA = cipher.encrypt(count, five, a);
        v.put("A.stored", storedA.toHex());
        assertEquals(five, cipher.decrypt(count, storedA));

        WriteContext b = new WriteContext(2, 3);
        v.put("B.nonce", slot.nonce(b).toHex());
        v.put("B.stored", cipher.encrypt(count, five, b).toHex());
        v.put("B.stored_empty_value", cipher.encrypt(count, Bytes.EMPTY, b).toHex());

        v.put("C.slot_key_owner", cipher.slot(Bytes.utf8("owner")).exportText().split(":")[3]);
        v.put("C.slot_key_empty_key", cipher.slot(Bytes.EMPTY).exportText().split(":")[3]);
        v.put("C.stored_empty_key", cipher.encrypt(Bytes.EMPTY, Bytes.utf8("x"), new WriteContext(0, 0)).toHex());

        ViewingKey viewer = ViewingKey.fromSeed(TestBytes.counting(64, 0));
        Bytes ek = viewer.publicKey().encoded();
        v.put("D.viewing_public_key_length", Integer.toString(ek.length()));
        v.put("D.viewing_public_key_sha256", viewer.publicKey().fingerprint().toHex());
        v.put("D.viewing_public_key_first32", TestBytes.head(ek, 32).toHex());
        OutputPosition at = OutputPosition.returnData(1, 0);
        Bytes m = master.encapsulationRandomness(at, viewer.publicKey());
        v.put("D.encaps_randomness", m.toHex());
        Bytes payload = Bytes.utf8("hello, viewer");
        Bytes envelope = ViewerEnvelope.seal(master, at, viewer.publicKey(), payload);
        Bytes ct = ViewerEnvelope.kemCiphertext(envelope);
        v.put("D.kem_ciphertext_sha256", Sha256.digest(ct).toHex());
        v.put("D.kem_ciphertext_first32", TestBytes.head(ct, 32).toHex());
        Bytes ss = viewer.decapsulate(ct);
        v.put("D.shared_secret", ss.toHex());
        v.put("D.envelope_key", Kdf.derive(ss, Domain.ENVELOPE_KEY, ct, 32).toHex());
        v.put("D.envelope_length", Integer.toString(envelope.length()));
        v.put("D.envelope_sealed_part", TestBytes.tail(envelope, envelope.length() - 1089).toHex());
        v.put("D.envelope_sha256", Sha256.digest(envelope).toHex());
        assertEquals(payload, ViewerEnvelope.open(viewer, envelope));

        SpendingKey spender = SpendingKey.fromSeed(TestBytes.counting(32, 0x80));
        Bytes pk = spender.publicKey().encoded();
        v.put("E.spending_public_key_length", Integer.toString(pk.length()));
        v.put("E.spending_public_key_sha256", Sha256.digest(pk).toHex());
        v.put("E.spending_public_key_first32", TestBytes.head(pk, 32).toHex());
        v.put("E.address", spender.address().toHex());
        TransactionPayload tx = new TransactionPayload(1, spender.address(), CONTRACT, 0, 100_000_000L, "add", Bytes.EMPTY,
                List.of(WasmValue.i64(5)));
        v.put("E.payload", tx.encode().toHex());
        Bytes sig = spender.sign(tx);
        v.put("E.signature_length", Integer.toString(sig.length()));
        v.put("E.signature_sha256", Sha256.digest(sig).toHex());
        v.put("E.signature_first32", TestBytes.head(sig, 32).toHex());
        assertTrue(TransactionAuthenticator.check(tx, pk, sig).accepted());

        AccountKeys account = AccountKeys.fromSecret(TestBytes.filled(32, 0xaa));
        v.put("F.viewing_seed", account.viewingKey().seed().toHex());
        v.put("F.spending_seed", account.spendingKey().seed().toHex());
        v.put("F.viewing_public_key_sha256", account.viewingKey().publicKey().fingerprint().toHex());
        v.put("F.address", account.address().toHex());
        return v;
    }

    @Test
    void javaReproducesTheReferenceValues() {
        assertEquals(EXPECTED, javaValues());
    }

    @Test
    void theDocumentShowsEveryValue() throws Exception {
        String doc = Files.readString(NodeReference.docs().resolve("privacy.md"));
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            String[] id = e.getKey().split("\\.");
            String line = "[" + id[0] + "] " + id[1] + " = " + e.getValue();
            assertTrue(doc.contains(line), "docs/privacy.md lacks the line: " + line);
        }
    }

    @Test
    void theReferenceScriptStillPrintsTheseValues() throws Exception {
        assertEquals(EXPECTED, parse(NodeReference.run(List.of(), null)));
    }
}
