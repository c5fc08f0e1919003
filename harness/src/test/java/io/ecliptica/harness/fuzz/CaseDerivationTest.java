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
import java.util.List;
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

    /**
     * docs/fuzzing.md, "Gas of a generated module": a generated module's calls draw from the classes
     * [0, 3000), [10000, 100000), [100000, 500000) in proportions 2:4:4; a contract's keep theirs,
     * which reach up to 1,000,000.
     */
    @Test
    void generatedModulesDrawTheirGasFromTheSmallerClasses() throws IOException {
        CaseDeriver generated = new CaseDeriver(5, ContractPool.empty(),
                Optional.of(io.ecliptica.harness.fuzz.reduce.GeneratorBinding.source()), 100, Profiles.DEFAULT);
        int[] classes = new int[3];
        int calls = 0;
        for (long i = 0; i < 400; i++) {
            for (var b : generated.derive(i).vector().blocks()) {
                for (TxSpec t : b.transactions()) {
                    long gas = t.tx().gasLimit();
                    assertTrue(gas >= 0 && gas < 500_000, "gas " + gas);
                    assertFalse(gas >= 3000 && gas < 10_000, "gas " + gas + " is in no class");
                    classes[gas < 3000 ? 0 : gas < 100_000 ? 1 : 2]++;
                    calls++;
                }
            }
        }
        // shares 20/40/40 %; over ~1,800 calls each is within 6 points (more than 4 standard deviations)
        double[] expected = {0.2, 0.4, 0.4};
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[k], classes[k] / (double) calls, 0.06, "class " + k + " of " + calls + " calls");
        }

        CaseDeriver contracts = new CaseDeriver(5, ContractPool.load(FILLERS), Optional.empty(), 0, Profiles.DEFAULT);
        boolean large = false;
        for (long i = 0; i < 100; i++) {
            for (var b : contracts.derive(i).vector().blocks()) {
                for (TxSpec t : b.transactions()) {
                    long gas = t.tx().gasLimit();
                    assertFalse(gas >= 3000 && gas < 10_000, "gas " + gas + " is in no contract class");
                    assertTrue(gas < 1_000_000);
                    large |= gas >= 500_000;
                }
            }
        }
        assertTrue(large, "contract calls still get limits above the generated modules' range");
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

    /**
     * docs/fuzzing.md "Case derivation", step 7: a private case is the plaintext case's calls, each
     * sent by the account of its sender index and signed at that account's count of earlier calls,
     * with the contract's storage stored encrypted; the chain is drawn after every other draw.
     */
    @Test
    void aPrivateCaseIsThePlaintextCaseSignedOnItsOwnChain() throws IOException {
        ContractPool pool = ContractPool.load(FILLERS);
        CaseDeriver plain = new CaseDeriver(5, pool, Optional.empty(), 0, 0, Profiles.DEFAULT);
        CaseDeriver all = new CaseDeriver(5, pool, Optional.empty(), 0, 100, Profiles.DEFAULT);
        java.util.Set<String> masters = new HashSet<>();
        boolean storage = false;
        for (long i = 0; i < 8; i++) {
            io.ecliptica.harness.vector.Vector p = plain.derive(i).vector();
            io.ecliptica.harness.vector.Vector v = all.derive(i).vector();
            assertTrue(p.privacy().isEmpty());
            io.ecliptica.harness.vector.PrivacySpec chain = v.privacy().orElseThrow();
            assertTrue(masters.add(chain.master().exportText()), "every case has its own master secret");
            assertEquals(List.of("sender0", "sender1", "sender2", "sender3"),
                    chain.accounts().stream().map(a -> a.name()).toList());
            assertEquals(p.contracts().get(0).code(), v.contracts().get(0).code());
            assertEquals(p.contracts().get(0).storage().keySet(), v.contracts().get(0).storage().keySet());
            for (var kv : p.contracts().get(0).storage().entrySet()) {
                storage = true;
                io.ecliptica.harness.state.Bytes stored = v.contracts().get(0).storage().get(kv.getKey());
                assertEquals(kv.getValue().length() + 29, stored.length(), "privacy.md 3.5: 29 bytes longer");
                assertEquals(kv.getValue(), chain.master().contract(CaseDeriver.CONTRACT).decrypt(kv.getKey(), stored));
            }
            assertEquals(p.blocks().size(), v.blocks().size());
            long[] nonces = new long[4];
            for (int b = 0; b < p.blocks().size(); b++) {
                assertEquals(p.blocks().get(b).header(), v.blocks().get(b).header());
                for (int t = 0; t < p.blocks().get(b).transactions().size(); t++) {
                    io.ecliptica.harness.exec.Transaction x = p.blocks().get(b).transactions().get(t).tx();
                    io.ecliptica.harness.exec.Transaction y = v.blocks().get(b).transactions().get(t).tx();
                    // gas.md §14: a signed call's limit covers the 250,000 of the signature check first
                    assertEquals(List.of(x.to(), x.function(), x.input(), x.args(), x.gasLimit() + 250_000),
                            List.of(y.to(), y.function(), y.input(), y.args(), y.gasLimit()));
                    int k = (x.from().toByteArray()[0] & 0xff) / 0x11 - 10; // 0xaa.. is sender 0, 0xdd.. sender 3
                    io.ecliptica.harness.vector.PrivacySpec.Account a = chain.accounts().get(k);
                    assertEquals(a.address(), y.from());
                    io.ecliptica.harness.exec.TxAuth auth = y.auth().orElseThrow();
                    assertEquals(nonces[k]++, auth.nonce());
                    assertEquals(a.spendingKey().encoded(), auth.publicKey());
                    assertTrue(a.spendingKey().verify(y.payload(chain.chainId(), auth.nonce()).encode(), auth.signature()));
                }
            }
        }
        assertTrue(storage, "some case calls a contract with initial storage");
        // a share of 50 % makes some cases private (on the same chain as under 100 %: the share's draw
        // comes before the chain's) and leaves the others exactly the plaintext ones
        CaseDeriver half = new CaseDeriver(5, pool, Optional.empty(), 0, 50, Profiles.DEFAULT);
        int privateCases = 0;
        for (long i = 0; i < 24; i++) {
            io.ecliptica.harness.vector.Vector v = half.derive(i).vector();
            if (v.privacy().isPresent()) {
                privateCases++;
                assertEquals(all.derive(i).vector().privacy().get().master().exportText(), v.privacy().get().master().exportText());
            } else {
                assertEquals(plain.derive(i).vector(), v);
            }
        }
        assertTrue(privateCases > 3 && privateCases < 21, privateCases + " of 24");
    }
}
