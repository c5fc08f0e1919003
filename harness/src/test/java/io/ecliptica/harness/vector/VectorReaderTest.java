package io.ecliptica.harness.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.SpendingPublicKey;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/vector-format.md, "Common rules" and "Filler": what a reader accepts and how it refuses. */
class VectorReaderTest {
    private static final String ADDR_A = "0x" + "aa".repeat(32);
    private static final String ADDR_C = "0x" + "00".repeat(31) + "01";
    /** The smallest valid module: magic and version only. */
    private static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @TempDir
    Path dir;

    private Path filler(String json) throws IOException {
        Files.write(dir.resolve("empty.wasm"), EMPTY_MODULE);
        Path f = dir.resolve("v.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private static String valid(String txExtra) {
        return """
                {"_info": {"format": "ecliptica-filler/1", "description": "d"},
                 "contracts": {"c": {"address": "%s", "code": "empty.wasm", "storage": {"0x01": "0x02"}}},
                 "blocks": [{"height": 5, "time": 9, "transactions": [
                    {"from": "%s", "to": "c", "function": "f"%s}]}]}
                """.formatted(ADDR_C, ADDR_A, txExtra);
    }

    @Test
    void readsAFillerAndResolvesContractNames() throws Exception {
        Vector v = VectorReader.read(filler(valid(", \"input\": \"0xABcd\", \"args\": [\"i32:-1\", \"i64:7\"]")), "none");
        assertEquals(Vector.Kind.FILLER, v.kind());
        assertEquals(1, v.contracts().size());
        assertEquals(Bytes.of(EMPTY_MODULE), v.contracts().get(0).code());
        assertEquals(Bytes.fromHex(ADDR_C), v.blocks().get(0).transactions().get(0).tx().to());
        assertEquals(Bytes.fromHex("0xabcd"), v.blocks().get(0).transactions().get(0).tx().input());
        assertEquals(List.of(WasmValue.i32(-1), WasmValue.i64(7)), v.blocks().get(0).transactions().get(0).tx().args());
        assertEquals(5, v.blocks().get(0).header().height());
        assertEquals(Bytes.fromHex("0x02"), v.contracts().get(0).storage().get(Bytes.fromHex("0x01")));
        assertTrue(v.preStateRoot().isEmpty());
    }

    private String refusal(String json) throws IOException {
        Path f = filler(json);
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> VectorReader.read(f, "none"));
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString()), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() throws IOException {
        String m = refusal("{\n  \"_info\": {\n    \"format\": \"ecliptica-filler/1\",,\n");
        assertTrue(m.contains(":3:"), "line 3: " + m);
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        String full = valid("");
        String m = refusal(full.substring(0, full.length() / 2));
        assertTrue(m.contains("invalid JSON"), m);
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        String m = refusal(valid(", \"input\": \"0x\", \"input\": \"0x01\""));
        assertTrue(m.contains("input"), m);
    }

    @Test
    void unknownKeysAreRefusedButAnnotationsAreNot() throws Exception {
        String m = refusal(valid(", \"inptu\": \"0x\""));
        assertTrue(m.contains("blocks[0].transactions[0]") && m.contains("inptu"), m);
        VectorReader.read(filler(valid(", \"//\": \"a note\", \"_why\": 1")), "none");
    }

    @Test
    void badHexIsRefusedWithItsPlace() throws IOException {
        assertTrue(refusal(valid(", \"input\": \"0x12g4\"")).contains("blocks[0].transactions[0].input"));
        assertTrue(refusal(valid(", \"input\": \"1234\"")).contains("0x"));
        assertTrue(refusal(valid(", \"input\": \"0x123\"")).contains("odd"));
        // Non-ASCII digits that Character.digit would accept are not hex.
        assertTrue(refusal(valid(", \"input\": \"0x\u0661\u0662\"")).contains("not a hex digit"));
    }

    @Test
    void addressesMustBe32Bytes() throws IOException {
        String m = refusal(valid("").replace(ADDR_A, "0xaaaa"));
        assertTrue(m.contains("from") && m.contains("32 bytes"), m);
    }

    @Test
    void unknownContractNameIsRefused() throws IOException {
        String m = refusal(valid("").replace("\"to\": \"c\"", "\"to\": \"nobody\""));
        assertTrue(m.contains("nobody"), m);
    }

    @Test
    void missingCodeFileIsRefused() throws IOException {
        String m = refusal(valid("").replace("empty.wasm", "missing.wasm"));
        assertTrue(m.contains("missing.wasm") && m.contains("no such file"), m);
    }

    @Test
    void badTypedValueIsRefused() throws IOException {
        assertTrue(refusal(valid(", \"args\": [\"u32:1\"]")).contains("args[0]"));
        assertTrue(refusal(valid(", \"args\": [\"i32:99999999999\"]")).contains("args[0]"));
    }

    @Test
    void unknownFormatIsRefused() throws IOException {
        assertTrue(refusal(valid("").replace("ecliptica-filler/1", "ecliptica-filler/9")).contains("unknown format"));
    }

    @Test
    void negativeHeightIsRefused() throws IOException {
        assertTrue(refusal(valid("").replace("\"height\": 5", "\"height\": -5")).contains("height"));
    }

    @Test
    void duplicateAddressesAreRefused() throws IOException {
        String json = valid("").replace("\"contracts\": {", "\"contracts\": {\"d\": {\"address\": \"" + ADDR_C
                + "\", \"code\": \"empty.wasm\"}, ");
        assertTrue(refusal(json).contains("also used"));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        refusal("");
    }

    // ---- private fillers (docs/vector-format.md §Privacy, §Byte templates) ----

    private static final String ALICE_SECRET = "0x" + "a1".repeat(32);
    private static final String BOB_SECRET = "0x" + "b0".repeat(32);
    private static final String MALLORY_SECRET = "0x" + "e7".repeat(32);

    /** A private filler with alice, bob and mallory (outside the key directory). */
    private static String privateFiller(String storage, String txs) {
        return """
                {"_info": {"format": "ecliptica-filler/1", "description": "d"},
                 "privacy": {"chainId": 7, "masterSecret": "0x%s", "accounts": {
                    "alice": {"secret": "%s"}, "bob": {"secret": "%s"},
                    "mallory": {"secret": "%s", "directory": false}}},
                 "contracts": {"c": {"address": "%s", "code": "empty.wasm", "storage": {%s}}},
                 "blocks": [{"height": 5, "time": 9, "transactions": [%s]}]}
                """.formatted("42".repeat(32), ALICE_SECRET, BOB_SECRET, MALLORY_SECRET, ADDR_C, storage, txs);
    }

    private Transaction onlyTx(Vector v) {
        return v.blocks().get(0).transactions().get(0).tx();
    }

    @Test
    void templatesConcatenateHexAddressesAndPublicKeys() throws Exception {
        AccountKeys alice = AccountKeys.fromSecret(Bytes.fromHex(ALICE_SECRET));
        AccountKeys bob = AccountKeys.fromSecret(Bytes.fromHex(BOB_SECRET));
        Vector v = VectorReader.read(filler(privateFiller("\"0x62616c3a || address(alice)\": \"0x01\"",
                "{\"from\": \"alice\", \"to\": \"c\", \"function\": \"f\","
                        + " \"input\": \"0xff||address(bob)  ||  spendingKey(alice)|| 0x\"}")), "none");
        Bytes expected = Bytes.fromHex("0xff").concat(bob.address()).concat(alice.spendingKey().publicKey().encoded());
        assertEquals(1 + 32 + SpendingPublicKey.LENGTH, onlyTx(v).input().length());
        assertEquals(expected, onlyTx(v).input());
        Bytes key = Bytes.utf8("bal:").concat(alice.address());
        assertEquals(java.util.Set.of(key), v.contracts().get(0).storage().keySet(), "the storage key is a template too");
    }

    @Test
    void sha256HashesTheInnerTemplate() throws Exception {
        Vector v = VectorReader.read(filler(privateFiller("", "{\"from\": \"alice\", \"to\": \"c\", \"function\": \"f\","
                + " \"input\": \"sha256(0x61 || 0x6263) || sha256(0x)\"}")), "none");
        // FIPS 180-2 example "abc", and the digest of the empty string
        assertEquals(Bytes.fromHex("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), onlyTx(v).input());
    }

    @Test
    void signIsTheNamedAccountsSignatureOverTheInnerTemplate() throws Exception {
        AccountKeys alice = AccountKeys.fromSecret(Bytes.fromHex(ALICE_SECRET));
        AccountKeys bob = AccountKeys.fromSecret(Bytes.fromHex(BOB_SECRET));
        Vector v = VectorReader.read(filler(privateFiller("", "{\"from\": \"alice\", \"to\": \"c\", \"function\": \"f\","
                + " \"input\": \"0x07 || sign(bob, address(alice) || 0x0100000000000000)\"}")), "none");
        Bytes input = onlyTx(v).input();
        assertEquals(1 + SpendingPublicKey.SIGNATURE_LENGTH, input.length());
        assertEquals(0x07, input.toByteArray()[0]);
        Bytes signature = Bytes.of(java.util.Arrays.copyOfRange(input.toByteArray(), 1, input.length()));
        Bytes message = alice.address().concat(Bytes.fromHex("0x0100000000000000"));
        assertTrue(bob.spendingKey().publicKey().verify(message, signature), "bob's signature of alice's address || id");
        assertFalse(alice.spendingKey().publicKey().verify(message, signature), "not alice's");
        assertFalse(bob.spendingKey().publicKey().verify(alice.address(), signature), "over the whole inner template");
    }

    @Test
    void badTemplatesAreRefusedWithTheirPlace() throws IOException {
        String tx = "{\"from\": \"alice\", \"to\": \"c\", \"function\": \"f\", \"input\": \"%s\"}";
        assertTrue(refusal(privateFiller("", tx.formatted("address(carol)"))).contains("'carol' is not an account of the privacy block"));
        assertTrue(refusal(privateFiller("", tx.formatted("0x01 || hash(alice)"))).contains("unknown function 'hash'"));
        assertTrue(refusal(privateFiller("", tx.formatted("0x012"))).contains("odd number of hex digits"));
        assertTrue(refusal(privateFiller("", tx.formatted("address(alice) 0x01"))).contains("at position 15: expected '||'"));
        assertTrue(refusal(privateFiller("", tx.formatted("sign(alice, sign(bob, 0x01))"))).contains("sign(...) does not nest"));
        assertTrue(refusal(privateFiller("", tx.formatted("sign(alice 0x01)"))).contains("expected ','"));
        assertTrue(refusal(privateFiller("", tx.formatted("address(alice"))).contains("expected ')'"));
        assertTrue(refusal(privateFiller("", tx.formatted("0x01 ||"))).contains("expected 0x<hex>, address(NAME)"));
        assertTrue(refusal(privateFiller("", tx.formatted("sign(alice, sha256(sign(bob, 0x01)))"))).contains("does not nest"),
                "not even through sha256");
        assertTrue(refusal(privateFiller("\"address(zed)\": \"0x01\"", "")).contains("storage key template"));
        // outside a private filler a template is just bad hex
        String plain = valid(", \"input\": \"address(alice)\"");
        assertTrue(refusal(plain).contains("expected hex bytes starting with 0x"), refusal(plain));
    }

    @Test
    void anAccountOutsideTheDirectorySignsButIsNotInTheKeyDirectory() throws Exception {
        AccountKeys mallory = AccountKeys.fromSecret(Bytes.fromHex(MALLORY_SECRET));
        Vector v = VectorReader.read(filler(privateFiller("",
                "{\"from\": \"mallory\", \"to\": \"c\", \"function\": \"f\"}")), "none");
        PrivacySpec p = v.privacy().orElseThrow();
        assertEquals(List.of("alice", "bob"), p.directory().stream().map(PrivacySpec.Account::name).toList());
        assertTrue(p.context().viewer(mallory.address()).isEmpty(), "no viewing key for mallory");
        assertTrue(p.byAddress(mallory.address()).isEmpty());
        Transaction tx = onlyTx(v);
        assertEquals(mallory.address(), tx.from());
        assertTrue(mallory.spendingKey().publicKey().verify(tx.payload(7, 0).encode(), tx.auth().orElseThrow().signature()),
                "signed with mallory's key");
        assertTrue(refusal(privateFiller("", "").replace("\"directory\": false", "\"directory\": \"no\""))
                .contains("expected true or false"));
    }
}
