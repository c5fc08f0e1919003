package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.CaseRandom;
import io.ecliptica.harness.fuzz.campaign.ContractPool;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.fuzz.campaign.Shard;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.vector.FillerWriter;
import io.ecliptica.harness.vector.TxSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** docs/fuzzing.md, "Case derivation" and "Shards". */
class CaseDerivationTest {
    private static final Path FILLERS = Path.of("..", "vectors", "fillers");

    /**
     * The case stream is SplitMix64; Java's SplittableRandom implements the same algorithm (its
     * nextLong is mix64 of the state advanced by the golden gamma), so it is an independent check.
     */
    @Test
    void caseRandomIsSplitMix64() {
        for (long seed : new long[] {0, 1, -1, 0x123456789abcdefL}) {
            SplittableRandom reference = new SplittableRandom(seed);
            CaseRandom r = new CaseRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertEquals(reference.nextLong(), r.nextLong(), "seed " + seed + " draw " + i);
            }
        }
    }

    /** State of case i = mix64(seed + (i + 1) * gamma), i.e. the (i+1)-th output of SplitMix64 seeded with S. */
    @Test
    void caseStreamsStartFromTheCampaignStream() {
        SplittableRandom campaign = new SplittableRandom(42);
        for (long i = 0; i < 5; i++) {
            long state = campaign.nextLong();
            assertEquals(new CaseRandom(state).nextLong(), CaseRandom.forCase(42, i).nextLong());
        }
    }

    @Test
    void sameSeedAndIndexGiveTheSameCaseByteForByte() throws IOException {
        ContractPool pool = ContractPool.load(FILLERS);
        CaseDeriver a = new CaseDeriver(99, pool, Optional.empty(), 0, Profiles.DEFAULT);
        CaseDeriver b = new CaseDeriver(99, ContractPool.load(FILLERS), Optional.empty(), 0, Profiles.DEFAULT);
        Set<String> distinct = new HashSet<>();
        for (long i = 0; i < 50; i++) {
            byte[] x = CanonicalJson.toBytes(FillerWriter.build(a.derive(i).vector(), n -> n + ".wasm"));
            byte[] y = CanonicalJson.toBytes(FillerWriter.build(b.derive(i).vector(), n -> n + ".wasm"));
            assertArrayEquals(x, y);
            assertArrayEquals(a.derive(i).vector().contracts().get(0).code().toByteArray(),
                    b.derive(i).vector().contracts().get(0).code().toByteArray());
            distinct.add(new String(x, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(50, distinct.size(), "every index gives another case");
        CaseDeriver other = new CaseDeriver(100, pool, Optional.empty(), 0, Profiles.DEFAULT);
        assertNotEquals(FillerWriter.build(a.derive(0).vector(), n -> n), FillerWriter.build(other.derive(0).vector(), n -> n));
    }

    /** Over many cases the documented shapes all occur: several blocks, tiny gas limits, edge arguments, wrong calls. */
    @Test
    void casesCoverTheDocumentedShapes() throws IOException {
        CaseDeriver d = new CaseDeriver(1, ContractPool.load(FILLERS), Optional.empty(), 0, Profiles.DEFAULT);
        boolean multiBlock = false;
        boolean tinyGas = false;
        boolean missingExport = false;
        boolean emptyInput = false;
        Set<String> contracts = new HashSet<>();
        for (long i = 0; i < 300; i++) {
            FuzzCase c = d.derive(i);
            multiBlock |= c.vector().blocks().size() > 1;
            contracts.add(c.origin());
            assertTrue(c.vector().transactionCount() >= 1 && c.vector().transactionCount() <= 8);
            for (var b : c.vector().blocks()) {
                assertFalse(b.transactions().isEmpty(), "no empty blocks");
                for (TxSpec t : b.transactions()) {
                    tinyGas |= t.tx().gasLimit() < 3000;
                    missingExport |= t.tx().function().equals("no_such_export");
                    emptyInput |= t.tx().input().isEmpty();
                    assertEquals(CaseDeriver.CONTRACT, t.tx().to());
                }
            }
        }
        assertTrue(multiBlock && tinyGas && missingExport && emptyInput);
        assertTrue(contracts.size() >= 10, "the bundled contracts are all drawn: " + contracts);
    }

    @Test
    void shardsPartitionTheCaseIndices() {
        int n = 4;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Shard s = new Shard(i, n);
            for (long k = 0; k < 250; k++) {
                long index = s.caseIndex(k);
                assertTrue(s.owns(index));
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j, new Shard(j, n).owns(index));
                }
                assertTrue(seen.add(index), "index " + index + " in two shards");
            }
        }
        for (long x = 0; x < 1000; x++) {
            assertTrue(seen.contains(x));
        }
        assertEquals(new Shard(2, 5), Shard.parse("2/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("5/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("1-2"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("-1/2"));
    }
}
