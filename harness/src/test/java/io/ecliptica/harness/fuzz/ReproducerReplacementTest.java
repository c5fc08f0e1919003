package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.fuzz.isolate.InProcessRunner;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.reduce.Reproducer;
import io.ecliptica.harness.fuzz.triage.FindingStore;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.fuzz.triage.Triage;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ModuleFiles;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smaller reproducer replaces a larger one of the same bug whole (docs/fuzzing.md,
 * "Reproducers"): no file of the old one is left, and a write that fails or a process that dies
 * half-way leaves the old one complete and named by bug.json. The reproducers are written by the
 * real {@link Reproducer} from real runs on chicory-interpreter and the bug-rem-s stand-in.
 */
class ReproducerReplacementTest {
    @TempDir
    Path tmp;

    private static InProcessRunner runner;
    private static byte[] arith;
    private static String arithWat;

    @BeforeAll
    static void engines() throws Exception {
        arith = ModuleFiles.load(Path.of(CampaignTest.pool(), "arith.wat"));
        arithWat = Files.readString(Path.of(CampaignTest.pool(), "arith.wat"), StandardCharsets.UTF_8);
        EngineRegistry reg = EngineRegistry.discover();
        runner = new InProcessRunner(new DifferentialRunner(List.of(
                new EngineExecutor(reg.provider("chicory-interpreter").orElseThrow().create(), EngineExecutor.Limits.DEFAULT),
                new EngineExecutor(reg.provider("bug-rem-s").orElseThrow().create(), EngineExecutor.Limits.DEFAULT)),
                Profiles::byId));
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    /** Case {@code index}: {@code calls} calls of rem(-7, 2), which bug-rem-s gets wrong, in one block. */
    private static FuzzCase remCase(long index, int calls) {
        List<TxSpec> txs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            txs.add(new TxSpec(new Transaction(Bytes.fromHex("0x" + "aa".repeat(32)), CaseDeriver.CONTRACT, "rem",
                    Bytes.EMPTY, List.of(WasmValue.i32(-7), WasmValue.i32(2)), 1_000_000), Optional.empty()));
        }
        Vector v = new Vector(Path.of("case.json"), Vector.Kind.FILLER, "case " + index, Profiles.DEFAULT,
                List.of(CaseDeriver.generatedContract(arith)), List.of(new BlockSpec(new BlockHeader(5, 100), txs,
                Optional.empty())), Optional.empty(), Optional.empty());
        return new FuzzCase(1, index, "test", v, new TreeSet<>(), Optional.empty());
    }

    /** Writes {@code c} as the reproducer with the real writer; {@code wat} as if its module were generated. */
    private static FindingStore.ReproducerWriter real(FuzzCase c, Signature sig, Optional<String> wat) {
        RunOutcome outcome = runner.run(c.vector());
        return dir -> {
            Reproducer.Written w = Reproducer.write(c.vector(), wat, outcome, sig,
                    Profiles.byId(c.vector().profile()).costTableHash(), dir);
            return new FindingStore.Reproduction(dir, c.index(), c.vector().transactionCount(), arith.length,
                    w.fixture().isPresent(), 1);
        };
    }

    private static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Signature signature(FuzzCase c) {
        Signature s = Triage.signature(runner.run(c.vector()), runner).orElseThrow();
        assertEquals("results", s.field());
        return s;
    }

    /** A bug found by case 3 (three calls) in a store under {@code tmp}, and its first reproducer. */
    private record Started(FindingStore store, Signature sig, FindingStore.Bug bug, Path bugDir) {
    }

    private Started firstReproducerOfThreeCalls() throws IOException {
        FindingStore store = new FindingStore(tmp);
        FuzzCase three = remCase(3, 3);
        Signature sig = signature(three);
        FindingStore.Bug bug = store.record(sig, three);
        Path bugDir = store.bugDir(sig);
        // three calls, with a module text beside the binary as for a generated module
        store.reproduce(bug, 3, real(three, sig, Optional.of(arithWat)));
        assertEquals(List.of("bug.json", "cases", "repro-3"), names(bugDir));
        assertEquals(List.of("contract.wasm", "contract.wat", "filler.json", "fixture.json"), names(bugDir.resolve("repro-3")));
        return new Started(store, sig, bug, bugDir);
    }

    @Test
    void aSmallerReproducerReplacesTheLargerOneWholeAndALargerOneIsDropped() throws IOException {
        Started st = firstReproducerOfThreeCalls();
        FindingStore store = st.store();
        Signature sig = st.sig();
        FindingStore.Bug bug = st.bug();
        Path bugDir = st.bugDir();

        FuzzCase one = remCase(9, 1);
        store.record(sig, one);
        store.reproduce(bug, 9, real(one, sig, Optional.empty()));
        // nothing of the three-call reproducer is left, the .wat included
        assertEquals(List.of("bug.json", "cases", "repro-9"), names(bugDir));
        assertEquals(List.of("contract.wasm", "filler.json", "fixture.json"), names(bugDir.resolve("repro-9")));
        JsonNode named = new ObjectMapper().readTree(bugDir.resolve("bug.json").toFile()).path("reproducer");
        assertEquals("findings/" + sig.id() + "/repro-9", named.path("dir").asText());
        assertEquals(1, named.path("transactions").asInt());
        assertEquals(9, named.path("fromCase").asInt());
        assertTrue(Files.readString(bugDir.resolve("repro-9/fixture.json")).contains("\"filler.json\""),
                "the fixture names its filler beside it, whatever the folder is called");

        // a larger one never replaces it, and leaves nothing behind
        FuzzCase two = remCase(12, 2);
        store.record(sig, two);
        TreeMap<String, byte[]> before = files(bugDir.resolve("repro-9"));
        store.reproduce(bug, 12, real(two, sig, Optional.empty()));
        assertEquals(List.of("bug.json", "cases", "repro-9"), names(bugDir));
        assertEquals(before.keySet(), files(bugDir.resolve("repro-9")).keySet());
        assertEquals("findings/" + sig.id() + "/repro-9",
                new ObjectMapper().readTree(bugDir.resolve("bug.json").toFile()).path("reproducer").path("dir").asText());
    }

    @Test
    void aReplacementThatFailsHalfWayLeavesTheCurrentReproducerWholeAndNamed() throws IOException {
        Started st = firstReproducerOfThreeCalls();
        FindingStore store = st.store();
        FindingStore.Bug bug = st.bug();
        Path bugDir = st.bugDir();
        Signature sig = st.sig();
        TreeMap<String, byte[]> before = files(bugDir.resolve("repro-3"));
        byte[] bugJson = Files.readAllBytes(bugDir.resolve("bug.json"));

        FuzzCase one = remCase(9, 1);
        store.record(sig, one);
        byte[] bugJsonAfterRecord = Files.readAllBytes(bugDir.resolve("bug.json"));
        assertNotEquals(new String(bugJson, StandardCharsets.UTF_8), new String(bugJsonAfterRecord, StandardCharsets.UTF_8),
                "the occurrence is counted");
        IOException e = assertThrows(IOException.class, () -> store.reproduce(bug, 9, dir -> {
            Files.writeString(dir.resolve("filler.json"), "{}");
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals(List.of("bug.json", "cases", "repro-3"), names(bugDir), "the partial folder is removed");
        TreeMap<String, byte[]> after = files(bugDir.resolve("repro-3"));
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f);
        }
        assertArrayEquals(bugJsonAfterRecord, Files.readAllBytes(bugDir.resolve("bug.json")));
        assertEquals(3, bug.reproducer().orElseThrow().transactions());
    }

    /**
     * A JVM that halts while writing the new reproducer (no cleanup, no finally) leaves the old
     * reproducer complete and named; the only trace of the attempt is the hidden part folder.
     */
    @Test
    void aProcessThatDiesMidReplacementLeavesTheCurrentReproducerWholeAndNamed() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DieMidReplacement.class.getName(), tmp.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(DieMidReplacement.HALT_CODE, p.exitValue(), output);
        Path findings = tmp.resolve("findings");
        List<String> bugs = names(findings);
        assertEquals(1, bugs.size());
        Path bugDir = findings.resolve(bugs.get(0));
        assertEquals(List.of(".repro-9.part", "bug.json", "cases", "repro-3"), names(bugDir));
        JsonNode bug = new ObjectMapper().readTree(bugDir.resolve("bug.json").toFile());
        assertEquals("findings/" + bugs.get(0) + "/repro-3", bug.path("reproducer").path("dir").asText());
        assertEquals(2, bug.path("count").asInt(), "the second occurrence was counted before the replacement began");
        assertEquals(List.of("contract.wasm", "contract.wat", "filler.json", "fixture.json"), names(bugDir.resolve("repro-3")));
        assertEquals(3, new ObjectMapper().readTree(bugDir.resolve("repro-3/filler.json").toFile())
                .path("blocks").get(0).path("transactions").size());
    }

    /** The child JVM of the test above. */
    public static final class DieMidReplacement {
        static final int HALT_CODE = 77;

        public static void main(String[] args) throws Exception {
            engines();
            FindingStore store = new FindingStore(Path.of(args[0]));
            FuzzCase three = remCase(3, 3);
            Signature sig = Triage.signature(runner.run(three.vector()), runner).orElseThrow();
            FindingStore.Bug bug = store.record(sig, three);
            store.reproduce(bug, 3, real(three, sig, Optional.of(arithWat)));
            FuzzCase one = remCase(9, 1);
            store.record(sig, one);
            FindingStore.ReproducerWriter writer = real(one, sig, Optional.empty());
            store.reproduce(bug, 9, dir -> {
                writer.write(dir);
                Runtime.getRuntime().halt(HALT_CODE); // dies with every file of the new one written, before the rename
                return null;
            });
        }
    }
}
