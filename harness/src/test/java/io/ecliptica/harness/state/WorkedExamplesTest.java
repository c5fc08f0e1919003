package io.ecliptica.harness.state;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Receipt;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/state-root.md. Every expected hex value below was printed by the
 * independent reference implementation {@code docs/reference/state_root.py} (run without
 * arguments), not by the Java code; {@link #javaMatchesTheReferenceScriptOutput} re-runs that script
 * and compares every value it prints.
 */
class WorkedExamplesTest {

    static final Bytes EMPTY_MODULE = Bytes.fromHex("0x0061736d01000000");
    static final Bytes CUSTOM_MODULE = Bytes.fromHex("0x0061736d0100000000050474657374");
    static final Bytes ADDRESS_A = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    static final Bytes ADDRESS_B = Bytes.fromHex("0x" + "00".repeat(31) + "02");

    /** (d): the first pair of 2-byte keys whose paths share 16 bits, as found by the script. */
    static final Bytes KEY_D1 = Bytes.fromHex("0x006c");
    static final Bytes KEY_D2 = Bytes.fromHex("0x009e");

    static final List<byte[]> CT_LEAVES = List.of(
            hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"),
            hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    static byte[] hex(String s) {
        return Bytes.fromHex(s).toByteArray();
    }

    static Bytes b(String hex) {
        return Bytes.fromHex(hex);
    }

    static Bytes codeA() {
        return StateRootScheme.codeHash(EMPTY_MODULE.toByteArray());
    }

    static Bytes codeB() {
        return StateRootScheme.codeHash(CUSTOM_MODULE.toByteArray());
    }

    static WorldState worldE() {
        return WorldState.empty()
                .withAccount(ADDRESS_A, codeA())
                .withStorage(ADDRESS_A, b("0x"), b("0x01"))
                .withStorage(ADDRESS_A, b("0x00"), b("0x"))
                .withStorage(ADDRESS_A, Bytes.utf8("key"), Bytes.utf8("value"))
                .withAccount(ADDRESS_B, codeB())
                .withStorage(ADDRESS_B, b("0x01"), b("0xaaaaaaaa"))
                .withStorage(ADDRESS_B, b("0x02"), b("0xbbbbbbbb"))
                .withStorage(ADDRESS_B, b("0x010203"), b("0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));
    }

    /** Every value the reference script prints, computed by the Java implementation, keyed "[tag] name". */
    static Map<String, Bytes> javaValues() {
        Map<String, Bytes> out = new LinkedHashMap<>();
        out.put("[a] storageRoot({})", SparseMerkleTree.empty().root());
        out.put("[a] stateRoot({})", WorldState.empty().stateRoot());
        out.put("[a] stateRoot(one account, empty storage)",
                WorldState.empty().withAccount(ADDRESS_A, codeA()).stateRoot());

        Bytes counter = Bytes.utf8("counter");
        Bytes fortyTwo = b("0x000000000000002a");
        WorldState worldB = WorldState.empty().withAccount(ADDRESS_A, codeA()).withStorage(ADDRESS_A, counter, fortyTwo);
        out.put("[b] storageRoot", worldB.storageRoot(ADDRESS_A));
        out.put("[b] stateRoot", worldB.stateRoot());

        out.put("[c] storageRoot", SparseMerkleTree.empty().put(b("0x00"), b("0x01")).put(b("0x02"), b("0x02")).root());
        out.put("[d] storageRoot", SparseMerkleTree.empty().put(KEY_D1, b("0x01")).put(KEY_D2, b("0x02")).root());

        WorldState worldE = worldE();
        out.put("[e] codeHash(A)", codeA());
        out.put("[e] codeHash(B)", codeB());
        out.put("[e] storageRoot(A)", worldE.storageRoot(ADDRESS_A));
        out.put("[e] storageRoot(B)", worldE.storageRoot(ADDRESS_B));
        out.put("[e] stateRoot", worldE.stateRoot());

        List<byte[]> receipts = List.of(Bytes.utf8("receipt-0").toByteArray(), Bytes.utf8("receipt-1").toByteArray(),
                Bytes.utf8("receipt-2").toByteArray());
        for (int n : new int[] {0, 1, 3}) {
            out.put("[f] receiptsRoot(" + n + ")", ReceiptsRoot.of(receipts.subList(0, n)));
        }
        for (int n = 0; n <= CT_LEAVES.size(); n++) {
            out.put("[g] mth(" + n + ")", ReceiptsRoot.of(CT_LEAVES.subList(0, n)));
        }
        out.put("[h] receiptsRoot(1)", ReceiptsRoot.of(List.of(Receipt.encode(receiptExampleH()))));
        return out;
    }

    /**
     * Example (h), the receipt of docs/state-root.md §6.1: A (00..01) called B (00..02); B emitted
     * topic 74, then A topic 75 with data 01; A set 6b = 01, B deleted its 6b.
     */
    static CallResult receiptExampleH() {
        Bytes a = Bytes.fromHex("0x" + "00".repeat(31) + "01");
        Bytes b = Bytes.fromHex("0x" + "00".repeat(31) + "02");
        return new CallResult(Status.OK, "", Bytes.fromHex("0x2a"), List.of(WasmValue.i32(-1)),
                List.of(new Event(b, Bytes.fromHex("0x74"), Bytes.EMPTY), new Event(a, Bytes.fromHex("0x75"), Bytes.fromHex("0x01"))),
                List.of(StorageWrite.set(a, Bytes.fromHex("0x6b"), Bytes.fromHex("0x01")), StorageWrite.deleted(b, Bytes.fromHex("0x6b"))),
                0, Bytes.fromHex("0x" + "11".repeat(32)), "");
    }

    // Values printed by docs/reference/state_root.py (see docs/state-root.md, "Worked examples").
    static final Map<String, String> REFERENCE = new LinkedHashMap<>();

    static {
        REFERENCE.put("[a] storageRoot({})", "0x0000000000000000000000000000000000000000000000000000000000000000");
        REFERENCE.put("[a] stateRoot({})", "0x0000000000000000000000000000000000000000000000000000000000000000");
        REFERENCE.put("[a] stateRoot(one account, empty storage)", "0x3d41d4e56e0e94782897fa8ecd1a52d8bfe77d30c8111bc46c9c98e8e4310936");
        REFERENCE.put("[b] storageRoot", "0x6fabac6d1ae4c302bfe3afe6206b08abceded8b7327b3ad3c7b18b329f65a144");
        REFERENCE.put("[b] stateRoot", "0x2d969e1b44ffc28e6105e768700c8b1580b9f830c35d8912028366496ffd3710");
        REFERENCE.put("[c] storageRoot", "0x1b3f250af4791d801268eacfd89b9251691f7c69fa1c06936f5ebfd9516b5408");
        REFERENCE.put("[d] storageRoot", "0x874c9a4ab5dde03017dff87d3ac1c0601565703740376ecdf65e994ac30c6cd8");
        REFERENCE.put("[e] codeHash(A)", "0x93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476");
        REFERENCE.put("[e] codeHash(B)", "0x1ec5cc87fa4c5afd708775f961257f180c418c691f1b7d610ff1e0ac56533b22");
        REFERENCE.put("[e] storageRoot(A)", "0xfc04796aa283feef6c6c058d6980aeae9348d1a9c2f471434f98345cace29487");
        REFERENCE.put("[e] storageRoot(B)", "0x047c62c1116ede5e3fa39b871b9705c501fba8847e0930563360ee2938492081");
        REFERENCE.put("[e] stateRoot", "0x16b96c3e0b74a02e0b8fbb4f9e20601cfa6b61b7d24d161c3f166015fa935138");
        REFERENCE.put("[f] receiptsRoot(0)", "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        REFERENCE.put("[f] receiptsRoot(1)", "0x30ffcce68ded5ce2353dcb4cac3e9b97e8bfac59c144302ea341014fd0560f06");
        REFERENCE.put("[f] receiptsRoot(3)", "0x65d69e1ec96e778d72ebcbcfe5dda0a60a7f1cbcc2059b6366816e1770d830c2");
        // (g) is also published: transparency-dev/merkle testonly/constants.go RootHashes().
        REFERENCE.put("[g] mth(0)", "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        REFERENCE.put("[g] mth(1)", "0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        REFERENCE.put("[g] mth(2)", "0xfac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        REFERENCE.put("[g] mth(3)", "0xaeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77");
        REFERENCE.put("[g] mth(4)", "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        REFERENCE.put("[g] mth(5)", "0x4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4");
        REFERENCE.put("[g] mth(6)", "0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef");
        REFERENCE.put("[g] mth(7)", "0xddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c");
        REFERENCE.put("[g] mth(8)", "0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        REFERENCE.put("[h] receiptsRoot(1)", "0xb5bf881d31622bd6693d936667e18d9f0eb3fc1f09036bd53b41a53aa67319a5");
    }

    @Test
    void javaReproducesTheDocumentedRoots() {
        Map<String, String> actual = new LinkedHashMap<>();
        javaValues().forEach((name, value) -> actual.put(name, value.toHex()));
        assertEquals(REFERENCE, actual);
    }

    @Test
    void emptyRootsAreZeroAndRfc6962EmptyIsHashOfNothing() {
        assertEquals(StateRootScheme.EMPTY_ROOT, SparseMerkleTree.empty().root());
        assertEquals(StateRootScheme.EMPTY_ROOT, WorldState.empty().stateRoot());
        assertEquals(Bytes.fromHex("0x" + "00".repeat(32)), StateRootScheme.EMPTY_ROOT);
        assertEquals(StateRootScheme.sha256(Bytes.EMPTY), ReceiptsRoot.of(List.of()));
    }

    @Test
    void exampleDKeysShareSeventeenPathBits() {
        byte[] p1 = ReferenceModel.sha256(KEY_D1.toByteArray());
        byte[] p2 = ReferenceModel.sha256(KEY_D2.toByteArray());
        int common = 0;
        while (ReferenceModel.bit(p1, common) == ReferenceModel.bit(p2, common)) {
            common++;
        }
        assertEquals(17, common);
    }

    @Test
    void exampleCKeysDifferAtBitZero() {
        byte[] p1 = ReferenceModel.sha256(new byte[] {0x00});
        byte[] p2 = ReferenceModel.sha256(new byte[] {0x02});
        assertEquals(false, ReferenceModel.bit(p1, 0));
        assertEquals(true, ReferenceModel.bit(p2, 0));
    }

    private static final Pattern VALUE_LINE = Pattern.compile("^(\\[[a-z]\\] .+) = (0x[0-9a-f]{64})$");

    @Test
    void javaMatchesTheReferenceScriptOutput() throws Exception {
        String output = PythonReference.run(List.of(), null);
        Map<String, String> printed = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = VALUE_LINE.matcher(line);
            if (m.matches() && printed.put(m.group(1), m.group(2)) != null) {
                duplicates.add(m.group(1));
            }
        }
        assertEquals(List.of(), duplicates);
        Map<String, String> java = new LinkedHashMap<>();
        javaValues().forEach((name, value) -> java.put(name, value.toHex()));
        assertEquals(printed, java);
        // and the constants pasted above are still what the script prints
        assertEquals(printed, REFERENCE);
    }

    @Test
    void theReferenceScriptEncodesExampleHsReceiptAsJavaDoes() throws Exception {
        String output = PythonReference.run(List.of(), null);
        String prefix = "[h] receipt = ";
        String line = output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        assertEquals(Bytes.of(Receipt.encode(receiptExampleH())).toHex(), line.substring(prefix.length()));
    }

    @Test
    void documentContainsTheScriptOutputVerbatim() throws Exception {
        String output = PythonReference.run(List.of(), null);
        Path doc = PythonReference.script().getParent().getParent().resolve("state-root.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(text.contains("```\n" + output + "```\n"),
                "docs/state-root.md section 9 differs from the output of docs/reference/state_root.py");
    }
}
