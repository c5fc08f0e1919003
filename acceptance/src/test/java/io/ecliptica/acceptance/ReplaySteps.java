package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.ecliptica.harness.chain.ChainReader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.replay.Replayer;
import io.ecliptica.harness.report.ReplayJson;
import io.ecliptica.harness.report.ReplayReport;
import io.ecliptica.harness.state.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps of features/replay.feature: generating, altering and replaying chain files. */
public class ReplaySteps {
    private static World world() {
        return World.get();
    }

    private static Path chain() {
        return world().scratch().resolve("token.jsonl");
    }

    @Given("a token chain of {int} blocks of {int} transactions generated with seed {int} on engines {string}")
    public void generate(int blocks, int txs, int seed, String engines) {
        CliRun run = Harness.run(List.of("gen-chain", "--workload", "token", "--blocks", "" + blocks, "--txs-per-block",
                "" + txs, "--seed", "" + seed, "--accounts", "50", "--out", chain().toString(), "--contracts",
                Repo.vectors().resolve("contracts").toString(), "--progress", "none", "--engines", engines));
        assertEquals(0, run.exitCode(), "gen-chain failed" + run.describe());
    }

    @Given("in the chain, the recorded state root of block {int} is altered")
    public void alterRoot(int height) throws IOException {
        editBlock(height, l -> l.replaceFirst("\"expect\":\\{\"stateRoot\":\"0x[0-9a-f]{64}\"",
                "\"expect\":{\"stateRoot\":\"0x" + "ee".repeat(32) + "\""));
    }

    @Given("in the chain, the line of block {int} is cut short")
    public void cutShort(int height) throws IOException {
        editBlock(height, l -> l.substring(0, l.length() / 2));
    }

    @When("I replay the chain on engines {string}")
    public void replay(String engines) {
        world().last = Harness.run(List.of("replay", chain().toString(), "--engines", engines, "--progress", "none"));
    }

    @When("I replay the chain on engines {string} with a checkpoint every {int} blocks")
    public void replayWithCheckpoints(String engines, int every) {
        replay(engines, List.of("--checkpoint-every", "" + every));
        world().firstReplay = world().last;
    }

    @When("I replay the chain on engines {string} with the state store {string}")
    public void replayWithStore(String engines, String store) {
        replay(engines, List.of("--state-store", store));
    }

    @When("I replay the chain through the launcher on engines {string} with the state store {string} on a machine where RocksDB's native library cannot load")
    public void replayWhereRocksDbCannotLoad(String engines, String store) {
        // RocksDB extracts its native library into ROCKSDB_SHAREDLIB_DIR: a directory that does not
        // exist makes the load fail exactly as on a platform without a usable library
        Path missing = chain().resolveSibling("no-such-dir").resolve("rocksdb-lib");
        // a first launcher run after a source change builds the jar and says so on stderr
        Harness.launcher(List.of("--version"), Duration.ofMinutes(5));
        world().last = Harness.launcher(List.of("replay", chain().toString(), "--engines", engines, "--progress", "none",
                "--state-store", store), java.util.Map.of("ROCKSDB_SHAREDLIB_DIR", missing.toString()), Duration.ofMinutes(3));
    }

    @When("I replay the chain on engines {string} with a JSON report, also written to a file")
    public void replayJson(String engines) {
        Path file = world().scratch().resolve("reports").resolve("replay.json");
        replay(engines, List.of("--json", "--report", file.toString()));
        world().reportFile = file;
    }

    @Then("stdout is a JSON mismatch of the state root at block {int} naming transaction {int}, identical to the report file")
    public void jsonMismatch(int height, int tx) throws IOException {
        CliRun run = world().last();
        JsonNode r = Json.parse(run.stdout(), run);
        assertEquals("mismatch", r.get("verdict").asText(), run.describe());
        assertEquals(height, r.get("height").asInt(), run.describe());
        assertEquals(tx, r.get("tx").asInt(), run.describe());
        assertEquals("stateRoot", r.get("field").asText(), run.describe());
        assertEquals("0x" + "ee".repeat(32), r.get("recorded").asText(), run.describe());
        assertEquals("token", r.get("transaction").get("contract").asText(), run.describe());
        assertEquals(1, r.get("exitCode").asInt(), run.describe());
        assertEquals(run.stdout(), Files.readString(world().reportFile, StandardCharsets.UTF_8));
    }

    @Then("stdout is a JSON verdict {string} with the final state root of the chain's end line")
    public void jsonAgreed(String verdict) throws IOException {
        CliRun run = world().last();
        JsonNode r = Json.parse(run.stdout(), run);
        assertEquals(verdict, r.get("verdict").asText(), run.describe());
        assertEquals(endRoot(), r.get("finalStateRoot").asText(), run.describe());
        assertEquals(0, r.get("exitCode").asInt(), run.describe());
        assertEquals(List.of("chicory-interpreter", "wasmtime"),
                r.get("engines").findValuesAsText("id"), run.describe());
    }

    @When("I replay the chain on engines {string} from block {int}")
    public void replayFrom(String engines, int from) {
        replay(engines, List.of("--from-block", "" + from));
    }

    private void replay(String engines, List<String> more) {
        List<String> args = new ArrayList<>(List.of("replay", chain().toString(), "--engines", engines, "--progress", "none"));
        args.addAll(more);
        world().last = Harness.run(args);
    }

    @When("I replay the chain on {string} beside an engine that alters the value of storage write number {int}")
    public void replayWithTamperer(String engine, int n) throws Exception {
        EngineRegistry registry = EngineRegistry.discover();
        EngineExecutor.Limits limits = new EngineExecutor.Limits(Duration.ofSeconds(20), Duration.ofSeconds(120));
        StorageWriteTamperer tamperer = new StorageWriteTamperer(registry.provider(engine).orElseThrow().create(), n);
        List<EngineExecutor> engines = List.of(new EngineExecutor(registry.provider(engine).orElseThrow().create(), limits),
                new EngineExecutor(tamperer, limits));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (ChainReader reader = ChainReader.open(chain())) {
            ReplayOutcome outcome = Replayer.replay(reader, engines, new PreparedModules(Profiles.byId(reader.header().profile())),
                    Replayer.Options.defaults(), Replayer.Listener.NONE);
            new ReplayReport(new PrintStream(text, true, StandardCharsets.UTF_8)).print(outcome);
            world().replayJson = ReplayJson.render(chain().toString(),
                    engines.stream().map(EngineExecutor::descriptor).toList(), outcome, 1);
        } finally {
            engines.forEach(EngineExecutor::close);
        }
        world().replayReport = text.toString(StandardCharsets.UTF_8);
        world().tamperer = tamperer;
    }

    @Then("stdout says every engine agrees, with the final state root of the chain's end line")
    public void agreesWithEndLine() throws IOException {
        CliRun run = world().last();
        assertTrue(run.stdout().startsWith("OK  blocks 1.."), "no OK verdict" + run.describe());
        assertTrue(run.stdout().contains("final state root " + endRoot()), "final root is not " + endRoot() + run.describe());
    }

    @Then("stdout reports a mismatch of the state root at block {int}, naming transaction {int}")
    public void mismatchAt(int height, int tx) {
        CliRun run = world().last();
        assertTrue(run.stdout().contains("MISMATCH at block " + height + ": every engine agrees, but the stateRoot differs"),
                "no mismatch at block " + height + run.describe());
        assertTrue(run.stdout().contains("recorded  0x" + "ee".repeat(32)), "the altered root is not shown" + run.describe());
        assertTrue(run.stdout().contains(": transaction " + tx + "\n"), "transaction " + tx + " is not named" + run.describe());
        assertTrue(run.stdout().contains("tx: token."), "the transaction is not described" + run.describe());
    }

    @Then("the replay reports a divergence at a transaction")
    public void divergence() {
        String report = world().replayReport;
        assertNotNull(world().tamperer.alteredValue(), "the tamperer never reached its storage write:\n" + report);
        assertTrue(report.matches("(?s)DIVERGENCE at block \\d+, transaction \\d+: engines disagree\n.*"), report);
        assertTrue(report.contains("differing fields: ") && report.contains("writes"), report);
    }

    @Then("the first differing host call is a storage_write storing the original value on {string} and the altered value on the tamperer")
    public void firstDifferingCall(String engine) {
        String report = world().replayReport;
        String original = Bytes.of(world().tamperer.originalValue()).toHex();
        String altered = Bytes.of(world().tamperer.alteredValue()).toHex();
        Matcher m = Pattern.compile("first differing host call \\(#(\\d+)\\):\n\\s+" + Pattern.quote(engine)
                + "\\s+#(\\d+) storage_write\\(([^\n]*)\n\\s+" + StorageWriteTamperer.ID + "\\s+#(\\d+) storage_write\\(([^\n]*)\n")
                .matcher(report);
        assertTrue(m.find(), "no storage_write as the first differing call of both engines:\n" + report);
        assertEquals(m.group(1), m.group(2));
        assertEquals(m.group(1), m.group(4));
        assertTrue(m.group(3).endsWith(" " + original), "the reference engine's call does not store " + original + ":\n" + report);
        assertTrue(m.group(5).endsWith(" " + altered), "the tamperer's call does not store " + altered + ":\n" + report);
        world().differingCall = Integer.parseInt(m.group(1));
    }

    @Then("the JSON report names the same first differing host call of {string} and the tamperer, with both values whole")
    public void jsonFirstDifferingCall(String engine) throws IOException {
        JsonNode r = Json.MAPPER.readTree(world().replayJson);
        assertEquals("divergence", r.get("verdict").asText(), world().replayJson);
        JsonNode calls = r.get("hostCalls");
        int k = world().differingCall;
        assertEquals(k, calls.get("agreeing").asInt(), world().replayJson);
        assertEquals(k == 0, calls.get("lastAgreeing").isNull(), world().replayJson);
        JsonNode reference = calls.get("firstDiffering").get(engine).get("call");
        JsonNode tampered = calls.get("firstDiffering").get(StorageWriteTamperer.ID).get("call");
        for (JsonNode c : List.of(reference, tampered)) {
            assertEquals("storage_write", c.get("function").asText(), world().replayJson);
            assertEquals(k, c.get("index").asInt(), world().replayJson);
        }
        JsonNode refData = reference.get("data");
        JsonNode tamData = tampered.get("data");
        assertEquals(Bytes.of(world().tamperer.originalValue()).toHex(), refData.get(refData.size() - 1).asText());
        assertEquals(Bytes.of(world().tamperer.alteredValue()).toHex(), tamData.get(tamData.size() - 1).asText());
        assertTrue(r.get("differingFields").toString().contains("writes"), world().replayJson);
    }

    @Then("the last agreeing host call is the call just before it")
    public void lastAgreeing() {
        String report = world().replayReport;
        int k = world().differingCall;
        String expected = k == 0 ? "last agreeing host call: (none" : "last agreeing host call: #" + (k - 1) + " ";
        assertTrue(report.contains(expected), "expected '" + expected + "':\n" + report);
    }

    @Then("stdout says the replay resumed from the checkpoint of block {int}, with the same final state root as the first replay")
    public void resumed(int height) {
        CliRun run = world().last();
        assertTrue(run.stdout().contains("resumed from the checkpoint of block " + height), "not resumed" + run.describe());
        String first = finalRoot(world().firstReplay);
        assertEquals(first, finalRoot(run), "final roots" + run.describe());
    }

    @Then("the checkpoints of blocks {int}, {int} and {int} exist")
    public void checkpointsExist(int a, int b, int c) {
        Path dir = world().scratch().resolve("token.jsonl.checkpoints");
        for (int h : List.of(a, b, c)) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format("block-%012d.ckpt", h))), "no checkpoint of block " + h);
        }
    }

    @When("I run the replay benchmark on engines {string} with {int} blocks of {int} transactions")
    public void bench(String engines, int blocks, int txs) {
        world().last = Harness.run(List.of("bench", "replay", "--engines", engines, "--blocks", "" + blocks,
                "--txs-per-block", "" + txs, "--accounts", "50", "--contracts", Repo.vectors().resolve("contracts").toString()));
    }

    @Then("stdout has a tx\\/s figure for {string} and for {string}")
    public void txPerSecond(String a, String b) {
        CliRun run = world().last();
        for (String engine : List.of(a, b)) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(engine) + "\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d{2}\\s+\\d+\\.\\d{2}$")
                    .matcher(run.stdout()).find(), "no figures for " + engine + run.describe());
        }
        assertTrue(run.stdout().contains("every engine agrees on every block"), "no agreement line" + run.describe());
    }

    @Then("stdout reports the harness overhead against the 1.10 target")
    public void overhead() {
        CliRun run = world().last();
        assertTrue(Pattern.compile("harness overhead \\d+\\.\\d{3} \\(target <= 1\\.10\\)").matcher(run.stdout()).find(),
                "no overhead figure" + run.describe());
    }

    private static String finalRoot(CliRun run) {
        Matcher m = Pattern.compile("final state root (0x[0-9a-f]{64})").matcher(run.stdout());
        assertTrue(m.find(), "no final state root" + run.describe());
        return m.group(1);
    }

    private static String endRoot() throws IOException {
        List<String> lines = Files.readAllLines(chain(), StandardCharsets.UTF_8);
        JsonNode end = Json.parse(lines.get(lines.size() - 1), world().last()).get("end");
        return end.get("stateRoot").asText();
    }

    private static void editBlock(int height, java.util.function.UnaryOperator<String> change) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(chain(), StandardCharsets.UTF_8)) {
            out.add(l.startsWith("{\"block\":{\"height\":" + height + ",") ? change.apply(l) : l);
        }
        Files.write(chain(), out, StandardCharsets.UTF_8);
    }
}
