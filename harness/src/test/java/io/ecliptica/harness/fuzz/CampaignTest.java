package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.harness.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Campaigns through the CLI against the stand-in bug engines ({@link StandInEngine}) on the test
 * contract pool (resources fuzz/fillers: arith.wat). Expected fields follow from each bug alone:
 * a wrong shift or remainder shows first in the call's results, a dropped write in its writes, a
 * halted JVM as a crash of that engine's worker. The dropped write is also the first host call
 * where the engines part (docs/abi.md §5 records the calls that reach the host).
 */
class CampaignTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run harness(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String pool() {
        try {
            return Path.of(CampaignTest.class.getResource("/fuzz/fillers/arith.json").toURI()).getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} is found, reported once as a {1} divergence, minimized to one call, and verify reproduces it")
    @CsvSource(value = {"bug-shl | results | ''", "bug-rem-s | results | ''",
            "bug-skip-write | writes | storage_write vs none"}, delimiter = '|')
    void standInBugIsFoundMinimizedAndReproduced(String bug, String field, String hostCall) throws IOException {
        Path out = tmp.resolve("out");
        Run r = harness("fuzz", "--in-process", "--seed", "7", "--cases", "60", "--out", out.toString(),
                "--contracts", pool(), "--generated", "0", "--engines", "chicory-interpreter," + bug);
        assertEquals(1, r.exit(), r.err());
        JsonNode s = r.json();
        assertEquals(1, s.path("distinctBugs").asInt(), r.out());
        JsonNode b = s.path("bugs").get(0);
        assertEquals(field, b.path("field").asText());
        // a wrong result leaves the host calls alone; a dropped write never reaches the host
        assertEquals(hostCall, b.path("hostCall").asText());
        assertEquals("[[\"chicory-interpreter\"],[\"" + bug + "\"]]", b.path("sides").toString());
        assertEquals(s.path("findings").asLong(), b.path("count").asLong());
        JsonNode repro = b.path("reproducer");
        assertEquals(1, repro.path("transactions").asInt(), r.out());
        assertTrue(repro.path("fixture").asBoolean());
        Path fixture = out.resolve(repro.path("dir").asText()).resolve("fixture.json");
        Path filler = out.resolve(repro.path("dir").asText()).resolve("filler.json");
        // bug.json on disk says the same as the summary
        JsonNode onDisk = new ObjectMapper().readTree(out.resolve("findings").resolve(b.path("id").asText()).resolve("bug.json").toFile());
        assertEquals(b, onDisk);

        Run diverges = harness("verify", "--engines", "chicory-interpreter," + bug, fixture.toString());
        assertEquals(1, diverges.exit(), diverges.out() + diverges.err());
        assertTrue(diverges.out().contains("field \"" + field + "\"") || diverges.out().contains("field " + field),
                diverges.out());
        // on real engines the fixture passes: a regression vector once the engine is fixed
        Run reference = harness("verify", "--engines", "chicory-interpreter,wasmtime", fixture.toString());
        assertEquals(0, reference.exit(), reference.out() + reference.err());
        Run fill = harness("fill", "--engines", "chicory-interpreter,wasmtime", "--out", tmp.resolve("refill").toString(),
                filler.toString());
        assertEquals(0, fill.exit(), fill.out() + fill.err());
    }

    /**
     * A real engine difference (Chicory 1.7.5 keeps active data segments, docs/engine-quirks.md),
     * on the raw engines (profile none: ecliptica-v1 normalizes it, docs/gas.md §15): Chicory
     * returns and then calls block_height, wasmtime traps first. The call Chicory makes after the
     * point where wasmtime stopped is not a differing host call: the signature has none.
     */
    @Test
    void aTrapOnOneSideLeavesTheHostCallOutOfTheSignature() throws Exception {
        String pool = Path.of(CampaignTest.class.getResource("/fuzz/chicory/segment.json").toURI()).getParent().toString();
        Run r = harness("fuzz", "--in-process", "--seed", "1", "--cases", "8", "--out", tmp.resolve("seg").toString(),
                "--contracts", pool, "--generated", "0", "--minimize-runs", "0", "--engines", "chicory-interpreter,wasmtime",
                "--profile", "none");
        assertEquals(1, r.exit(), r.err());
        JsonNode s = r.json();
        assertEquals(1, s.path("distinctBugs").asInt(), r.out());
        JsonNode b = s.path("bugs").get(0);
        assertEquals("status", b.path("field").asText());
        assertEquals("[\"ok\",\"trap:out_of_bounds_memory\"]", b.path("outcomes").toString());
        assertEquals("", b.path("hostCall").asText());
    }

    @Test
    void shardsOfOneCampaignRunDisjointCases() throws IOException {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Run r = harness("fuzz", "--in-process", "--seed", "3", "--cases", "4", "--shard", i + "/3",
                    "--out", tmp.resolve("s" + i).toString(), "--contracts", pool(), "--generated", "0", "--engines", "chicory-interpreter");
            assertEquals(0, r.exit(), r.err());
            JsonNode s = r.json();
            assertEquals(4, s.path("cases").asLong());
            assertEquals(i, s.path("firstCase").asLong());
            assertEquals(i + 9, s.path("lastCase").asLong());
            for (long k = s.path("firstCase").asLong(); k <= s.path("lastCase").asLong(); k += 3) {
                seen.add(k);
            }
        }
        assertEquals(12, seen.stream().distinct().count());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), seen.stream().sorted().toList());
    }

    @Test
    void aCrashingEngineIsAFindingAndTheCampaignGoesOn() throws IOException {
        Path out = tmp.resolve("crash");
        Run r = harness("fuzz", "--seed", "5", "--cases", "12", "--out", out.toString(), "--contracts", pool(), "--generated", "0",
                "--engines", "chicory-interpreter,bug-crash", "--minimize-runs", "0");
        assertEquals(1, r.exit(), r.err());
        JsonNode s = r.json();
        assertEquals(12, s.path("cases").asLong(), "the campaign ran every case");
        assertEquals(1, s.path("distinctBugs").asInt(), r.out());
        JsonNode b = s.path("bugs").get(0);
        assertEquals("crash", b.path("field").asText());
        assertEquals("[[\"bug-crash\"]]", b.path("sides").toString());
        assertTrue(s.path("workerRestarts").asInt() >= b.path("count").asInt() - 1, r.out());
        for (JsonNode index : b.path("savedCases")) {
            Path saved = out.resolve("findings").resolve(b.path("id").asText()).resolve("cases").resolve(index.asText());
            assertTrue(Files.isRegularFile(saved.resolve("filler.json")), saved.toString());
            assertTrue(Files.readString(saved.resolve("filler.json")).contains("\"clear\""));
        }
        assertEquals(Math.min(b.path("count").asInt(), 20), b.path("savedCases").size());
    }

    /**
     * A worker that stops answering (bug-hang sends itself SIGSTOP on storage_remove, which no
     * guard inside its JVM can undo) is killed at the case's deadline, the case is saved as a hang
     * of that engine, and the next cases run on a fresh worker. Seed 34's first six cases call
     * {@code clear} (so storage_remove) only in case 2, which has three transactions: its deadline
     * is 2 s x (3 + 1) + 1 s of slack (a per-call guard of 2 s, ample for these calls on a loaded
     * machine, so no other case times out).
     */
    @Test
    void aHangingWorkerIsKilledAtTheDeadlineRestartedAndTheCampaignGoesOn() throws IOException {
        Path out = tmp.resolve("hang");
        Run r = harness("fuzz", "--seed", "34", "--cases", "6", "--out", out.toString(), "--contracts", pool(),
                "--generated", "0", "--engines", "chicory-interpreter,bug-hang", "--minimize-runs", "0",
                "--timeout", "2", "--worker-slack", "1");
        assertEquals(1, r.exit(), r.err());
        JsonNode s = r.json();
        assertEquals(6, s.path("cases").asLong(), "the campaign ran every case");
        assertEquals(1, s.path("distinctBugs").asInt(), r.out());
        JsonNode b = s.path("bugs").get(0);
        assertEquals("hang", b.path("field").asText());
        assertEquals("[[\"bug-hang\"]]", b.path("sides").toString());
        assertEquals(1, b.path("count").asInt(), r.out());
        assertEquals("[2]", b.path("savedCases").toString());
        assertTrue(Files.readString(out.resolve("findings").resolve(b.path("id").asText()).resolve("cases/2/filler.json"))
                .contains("\"clear\""));
        // cases 3, 4 and 5 ran on a worker started again after the kill, and found nothing
        assertEquals(1, s.path("workerRestarts").asInt(), r.out());
        // the stopped worker was killed, not left behind
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("bug-hang")),
                "a bug-hang worker is still running");
    }

    /**
     * With one minimizer run per occurrence the first occurrence's reproducer keeps several calls,
     * and a later occurrence with fewer calls replaces it: the bug folder then holds exactly one
     * reproducer, the one bug.json and the summary name.
     */
    @Test
    void aLaterSmallerReproducerReplacesTheFirstAndLeavesNoOtherFolder() throws IOException {
        Path out = tmp.resolve("replace");
        Run r = harness("fuzz", "--in-process", "--seed", "7", "--cases", "60", "--out", out.toString(), "--contracts", pool(),
                "--generated", "0", "--engines", "chicory-interpreter,bug-rem-s", "--minimize-runs", "1");
        assertEquals(1, r.exit(), r.err());
        JsonNode b = r.json().path("bugs").get(0);
        JsonNode repro = b.path("reproducer");
        // the first occurrence is always minimized and written: another source case means it was replaced
        assertTrue(repro.path("fromCase").asLong() != b.path("firstCase").asLong(), r.out());
        Path bugDir = out.resolve("findings").resolve(b.path("id").asText());
        List<String> entries;
        try (java.util.stream.Stream<Path> s = Files.list(bugDir)) {
            entries = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("bug.json", "cases", "repro-" + repro.path("fromCase").asText()), entries);
        assertEquals("findings/" + b.path("id").asText() + "/repro-" + repro.path("fromCase").asText(), repro.path("dir").asText());
    }

    /**
     * On private chains (--private 100) the same stand-in bug has the same signature: the typed
     * results of a call stay in the clear (privacy.md §10.4 seals the return data and event data,
     * not the results). Its reproducer is a private vector: the filler holds the chain's test keys and
     * names the senders' accounts, the fixture expects the sealed output (an envelope of the empty
     * return data: 1 + 1088 + 0 + 16 bytes, privacy.md §5), and verify reproduces it.
     */
    @Test
    void aStandInBugIsFoundOnPrivateChainsAndItsReproducerIsAPrivateVector() throws IOException {
        Path out = tmp.resolve("private");
        Run r = harness("fuzz", "--in-process", "--seed", "7", "--cases", "40", "--out", out.toString(), "--contracts", pool(),
                "--generated", "0", "--private", "100", "--engines", "chicory-interpreter,bug-rem-s");
        assertEquals(1, r.exit(), r.err());
        JsonNode s = r.json();
        assertEquals(100, s.path("campaign").path("privatePercent").asInt());
        assertEquals(1, s.path("distinctBugs").asInt(), r.out());
        JsonNode b = s.path("bugs").get(0);
        assertEquals("results: [chicory-interpreter] vs [bug-rem-s]; outcomes ok / ok", b.path("signature").asText());
        assertTrue(b.path("firstOrigin").asText().endsWith("on a private chain"), b.toString());
        Path repro = out.resolve(b.path("reproducer").path("dir").asText());
        assertEquals(1, b.path("reproducer").path("transactions").asInt());
        JsonNode filler = new ObjectMapper().readTree(repro.resolve("filler.json").toFile());
        assertTrue(filler.path("privacy").path("accounts").path("sender0").path("secret").isTextual());
        JsonNode call = filler.path("blocks").get(0).path("transactions").get(0);
        assertTrue(call.path("from").asText().startsWith("sender"), call.toString());
        JsonNode fixture = new ObjectMapper().readTree(repro.resolve("fixture.json").toFile());
        assertEquals("ecliptica-privacy/1", fixture.path("privacy").path("scheme").asText());
        JsonNode expect = fixture.path("blocks").get(0).path("transactions").get(0).path("expect");
        assertEquals("ok", expect.path("status").asText());
        assertEquals(2 + 2 * (1 + 1088 + 16), expect.path("output").asText().length(), expect.toString());

        Run diverges = harness("verify", "--engines", "chicory-interpreter,bug-rem-s", repro.resolve("fixture.json").toString());
        assertEquals(1, diverges.exit(), diverges.out() + diverges.err());
        Run reference = harness("verify", "--engines", "chicory-interpreter,wasmtime", repro.resolve("fixture.json").toString());
        assertEquals(0, reference.exit(), reference.out() + reference.err());
    }
}
