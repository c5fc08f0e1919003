package io.ecliptica.harness.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
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
}
