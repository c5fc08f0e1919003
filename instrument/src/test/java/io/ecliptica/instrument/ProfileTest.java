package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Profiles, their rendering and cost-table hash (docs/gas.md §Profiles, §Cost-table hash), and the
 * agreement of docs/gas.md's tables with the code.
 */
class ProfileTest {

    @Test
    void profileIdsAndLookup() {
        assertEquals("ecliptica-v1", Profile.ECLIPTICA_V1.id());
        assertEquals("none", Profile.NONE.id());
        assertEquals("cosmwasm-gatekeeper", Profile.COSMWASM_LIKE.id());
        assertEquals(Profile.ECLIPTICA_V1, Profile.byId("ecliptica-v1"));
        assertEquals(Profile.NONE, Profile.byId("none"));
        assertEquals(Profile.COSMWASM_LIKE, Profile.byId("cosmwasm-gatekeeper"));
        assertThrows(IllegalArgumentException.class, () -> Profile.byId("ecliptica-v0"));
    }

    @Test
    void hashIsSha256OfTheRendering() throws Exception {
        for (Profile p : List.of(Profile.ECLIPTICA_V1, Profile.NONE, Profile.COSMWASM_LIKE)) {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(p.rendering().getBytes(StandardCharsets.UTF_8));
            assertEquals(HexFormat.of().formatHex(d), p.costTableHash());
            assertTrue(p.costTableHash().matches("[0-9a-f]{64}"));
        }
        assertNotEquals(Profile.ECLIPTICA_V1.costTableHash(), Profile.COSMWASM_LIKE.costTableHash());
        assertEquals("ecliptica-profile/2\nid none\npass-through true\n", Profile.NONE.rendering());
    }

    @Test
    void renderingHasTheDocumentedLines() {
        String r = Profile.ECLIPTICA_V1.rendering();
        assertTrue(r.startsWith("ecliptica-profile/2\nid ecliptica-v1\npass-through false\nfloats allowed\n"
                + "bulk-memory allowed\nimports host-table\ngas on\nstack on limit 100000 overhead 4\nnan canonical\n"
                + "active-data-segments dropped\nfloat-loads integer\nconvert-i64-u round-to-odd\n"
                + "address-overflow trapped\ni32-mul wrapped\nlimit memory-pages 1024\n"), r);
        assertTrue(Profile.COSMWASM_LIKE.rendering().contains("\nnan canonical\nactive-data-segments dropped\n"
                + "float-loads integer\nconvert-i64-u round-to-odd\naddress-overflow trapped\ni32-mul wrapped\nlimit "),
                "the rules of every instrumenting profile");
        assertTrue(r.contains("\nclass INT_DIV 8\n"));
        assertTrue(r.contains("\nop 0x6a i32.add 1\n"));
        assertTrue(r.contains("\nop 0xfc 0x0b memory.fill 10\n"));
        assertTrue(r.contains("\nop 0x1c select_t 1\n"));
        assertTrue(r.contains("\ndynamic memory.grow per-page 4096\n"));
        assertTrue(r.contains("\nhost ecliptica.storage_write (i32 i32 i32 i32) -> () base 5000 per-byte 20 lengths 1,3\n"));
        assertTrue(r.contains("\nreserved ecliptica.crypto_ml_kem_768_encapsulate (i32 i32 i32 i32) -> () base 100000 per-byte 0 lengths -\n"));
        assertTrue(r.endsWith("\n"));
        assertTrue(!r.contains("\r"));
    }

    @Test
    void anyChangeOfACostOrRuleChangesTheHash() {
        Profile p = Profile.ECLIPTICA_V1;
        EnumMap<CostClass, Long> w = new EnumMap<>(p.costs().weights());
        w.put(CostClass.LOAD, 4L);
        CostTable c = p.costs();
        assertNotEquals(p.costTableHash(), p.withCosts(new CostTable(w, c.memoryGrowPerPage(), c.bulkPerByte(),
                c.tablePerElement(), c.hostCalls())).costTableHash());
        assertNotEquals(p.costTableHash(), p.withCosts(new CostTable(c.weights(), c.memoryGrowPerPage() + 1,
                c.bulkPerByte(), c.tablePerElement(), c.hostCalls())).costTableHash());
        assertNotEquals(p.costTableHash(), p.withStackLimit(99_999).costTableHash());
        assertNotEquals(p.costTableHash(), p.withFeatures(false, true).costTableHash());
        assertNotEquals(p.costTableHash(), p.withPasses(true, true, false).costTableHash());
        assertNotEquals(p.costTableHash(), p.withAnyImports().costTableHash());
        assertEquals(p.costTableHash(), p.withId("ecliptica-v1").costTableHash());
    }

    @Test
    void weightsOutOfRangeAreRefused() {
        Map<CostClass, Long> w = new EnumMap<>(Profile.ECLIPTICA_V1.costs().weights());
        w.remove(CostClass.LOAD);
        assertThrows(IllegalArgumentException.class, () -> new CostTable(w, 0, 0, 0, List.of()));
        w.put(CostClass.LOAD, CostTable.MAX_WEIGHT + 1);
        assertThrows(IllegalArgumentException.class, () -> new CostTable(w, 0, 0, 0, List.of()));
    }

    /** docs/gas.md's tables are the code's: class weights, dynamic costs, host costs, limits. */
    @Test
    void docsGasMdAgreesWithTheProfiles() throws Exception {
        String doc = Files.readString(TestSupport.root().resolve("docs/gas.md"));
        // | `CLASS` | ecliptica-v1 | cosmwasm-gatekeeper | instructions |
        Pattern cls = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d[\\d,]*) \\| (\\d[\\d,]*) \\|", Pattern.MULTILINE);
        Matcher m = cls.matcher(doc);
        Map<CostClass, long[]> seen = new HashMap<>();
        while (m.find()) {
            seen.put(CostClass.valueOf(m.group(1)), new long[] {num(m.group(2)), num(m.group(3))});
        }
        for (CostClass c : CostClass.values()) {
            long[] v = seen.get(c);
            assertTrue(v != null, "docs/gas.md lists no weight for " + c);
            assertEquals(Profile.ECLIPTICA_V1.costs().weight(c), v[0], c + " in ecliptica-v1");
            assertEquals(Profile.COSMWASM_LIKE.costs().weight(c), v[1], c + " in cosmwasm-gatekeeper");
        }
        // | `ecliptica.name` | `(sig)` | base | per byte | lengths | status |
        Pattern host = Pattern.compile("^\\| `ecliptica\\.([a-z0-9_]+)` \\| `([^`]+)` \\| (\\d[\\d,]*) \\| (\\d[\\d,]*) \\| ([^|]*) \\| ([a-z, ]+) \\|",
                Pattern.MULTILINE);
        m = host.matcher(doc);
        int hosts = 0;
        while (m.find()) {
            HostCost h = Profile.ECLIPTICA_V1.costs().host("ecliptica", m.group(1));
            assertTrue(h != null, "docs/gas.md prices unknown host function " + m.group(1));
            assertEquals(h.signature(), m.group(2), m.group(1));
            assertEquals(h.base(), num(m.group(3)), m.group(1));
            assertEquals(h.perByte(), num(m.group(4)), m.group(1));
            assertEquals(h.reserved(), m.group(6).startsWith("reserved"), m.group(1));
            hosts++;
        }
        assertEquals(Profile.ECLIPTICA_V1.costs().hostCalls().size(), hosts, "every host function is documented");
        // dynamic costs and the stack rule
        assertTrue(doc.contains("| `memory.grow` | per page requested | 4,096 |"), "memory.grow row");
        assertTrue(doc.contains("| `memory.fill`, `memory.copy`, `memory.init` | per byte | 1 |"), "bulk row");
        assertTrue(doc.contains("| `table.init`, `table.copy` | per element | 4 |"), "table row");
        assertTrue(doc.contains("limit **100,000 slots**"), "stack limit");
        assertTrue(doc.contains("overhead **4 slots**"), "frame overhead");
        Limits l = Profile.ECLIPTICA_V1.limits();
        for (String row : List.of(
                "| memory pages (initial; the maximum is capped to it) | " + fmt(l.maxMemoryPages()),
                "| table elements (initial) | " + fmt(l.maxTableElements()),
                "| defined functions | " + fmt(l.maxFunctions()),
                "| locals per function, parameters included | " + fmt(l.maxLocals()),
                "| globals | " + fmt(l.maxGlobals()),
                "| exports | " + fmt(l.maxExports()),
                "| imports | " + fmt(l.maxImports()),
                "| parameters per function | " + fmt(l.maxParams()),
                "| results per function | " + fmt(l.maxResults()))) {
            assertTrue(doc.contains(row), "docs/gas.md lacks limit row: " + row);
        }
    }

    static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    static String fmt(long v) {
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }
}
