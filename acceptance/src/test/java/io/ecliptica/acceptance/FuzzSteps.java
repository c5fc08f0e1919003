package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Steps of features/fuzz.feature. */
public class FuzzSteps {
    private Path pool;
    private JsonNode summary;
    private final java.util.Map<String, JsonNode> shardSummaries = new java.util.TreeMap<>();
    private Process campaign;
    private Path campaignOut;
    private Path bugDir;
    private JsonNode firstSummary;
    private Path knownOut;
    private List<ProcessHandle> workers = List.of();
    private final java.util.Map<String, JsonNode> bugsAtSignal = new java.util.TreeMap<>();

    private static World world() {
        return World.get();
    }

    @After
    public void stopCampaign() {
        if (campaign != null && campaign.isAlive()) {
            campaign.destroyForcibly();
        }
    }

    @Given("the fuzzing test contracts in a scratch folder")
    public void testContracts() throws IOException {
        pool = world().scratch().resolve("pool");
        Files.createDirectories(pool);
        Path source = Repo.root().resolve("harness/src/test/resources/fuzz/fillers");
        for (String f : List.of("arith.json", "arith.wat")) {
            Files.copy(source.resolve(f), pool.resolve(f));
        }
    }

    private List<String> campaignArgs(int cases, long seed, String engines, Path out) {
        return new ArrayList<>(List.of("fuzz", "--in-process", "--seed", Long.toString(seed), "--cases",
                Integer.toString(cases), "--out", out.toString(), "--contracts", pool.toString(), "--generated", "0",
                "--engines", engines));
    }

    @When("I fuzz {int} cases of seed {long} in process on {string}")
    public void fuzz(int cases, long seed, String engines) {
        world().last = Harness.run(campaignArgs(cases, seed, engines, world().scratch().resolve("out")));
        summary = Json.parse(world().last.stdout(), world().last);
    }

    @When("I fuzz {int} cases of seed {long} in process on {string} as shard {word}")
    public void fuzzShard(int cases, long seed, String engines, String shard) {
        List<String> args = campaignArgs(cases, seed, engines, world().scratch().resolve("out-" + shard.replace('/', '-')));
        args.addAll(List.of("--shard", shard));
        CliRun run = Harness.run(args);
        assertEquals(0, run.exitCode(), run.describe());
        shardSummaries.put(shard, Json.parse(run.stdout(), run));
    }

    @Then("the summary reports exactly one distinct bug, on field {string}, between {string} and {string}")
    public void oneBug(String field, String reference, String other) {
        CliRun run = world().last();
        assertEquals(1, summary.path("distinctBugs").asInt(), run.describe());
        JsonNode bug = summary.path("bugs").get(0);
        assertEquals(field, bug.path("field").asText(), run.describe());
        assertEquals("[[\"" + reference + "\"],[\"" + other + "\"]]", bug.path("sides").toString(), run.describe());
    }

    @Then("every occurrence of the bug is counted under that one bug")
    public void counted() {
        JsonNode bug = summary.path("bugs").get(0);
        assertTrue(bug.path("count").asLong() >= 1);
        assertEquals(summary.path("findings").asLong(), bug.path("count").asLong());
    }

    @Then("its reproducer has one transaction")
    public void reproducerSize() {
        JsonNode r = summary.path("bugs").get(0).path("reproducer");
        assertEquals(1, r.path("transactions").asInt(), world().last().describe());
        assertTrue(r.path("fixture").asBoolean());
    }

    @When("I verify the reproducer on {string}")
    public void verifyReproducer(String engines) {
        Path fixture = world().scratch().resolve("out")
                .resolve(summary.path("bugs").get(0).path("reproducer").path("dir").asText()).resolve("fixture.json");
        world().last = Harness.run(List.of("verify", "--engines", engines, fixture.toString()));
    }

    @Then("the report has a divergence on field {string}")
    public void divergenceOn(String field) {
        CliRun run = world().last();
        assertTrue(run.stdout().contains("DIVERGENCE") && run.stdout().contains("field " + field), run.describe());
    }

    /** A shard runs its first case, then every n-th: its summary's count, first and last index say which. */
    @Then("the two shards ran the cases {string} and {string}")
    public void shardCases(String first, String second) {
        JsonNode a = shardSummaries.get("0/2");
        JsonNode b = shardSummaries.get("1/2");
        assertEquals(first, ran(a));
        assertEquals(second, ran(b));
        assertEquals("0/2", a.path("campaign").path("shard").asText());
        assertEquals("1/2", b.path("campaign").path("shard").asText());
    }

    private static String ran(JsonNode s) {
        List<String> cases = new ArrayList<>();
        for (long k = s.path("firstCase").asLong(); k <= s.path("lastCase").asLong(); k += 2) {
            cases.add(Long.toString(k));
        }
        assertEquals(s.path("cases").asLong(), cases.size());
        return String.join(", ", cases);
    }

    // ---- known findings ----------------------------------------------------------------------

    @Then("the summary counts {int} new and {int} known bugs")
    public void newAndKnown(int fresh, int known) {
        CliRun run = world().last();
        assertEquals(fresh, summary.path("new").path("bugs").asInt(), run.describe());
        assertEquals(known, summary.path("known").path("bugs").asInt(), run.describe());
        assertEquals(fresh + known, summary.path("distinctBugs").asInt(), run.describe());
        assertEquals(summary.path("findings").asLong(),
                summary.path("new").path("findings").asLong() + summary.path("known").path("findings").asLong(), run.describe());
    }

    @Given("a known-findings registry {string} with an entry {string} for the signature {string} and that campaign's reproducer")
    public void registryFor(String file, String name, String signature) throws IOException {
        firstSummary = summary;
        Path reproducer = world().scratch().resolve("out")
                .resolve(summary.path("bugs").get(0).path("reproducer").path("dir").asText()).resolve("filler.json");
        assertTrue(Files.isRegularFile(reproducer), reproducer.toString());
        String relative = world().scratch().relativize(reproducer).toString().replace('\\', '/');
        Files.writeString(world().scratch().resolve(file), """
                {"format": "ecliptica-fuzz-known/1", "known": [
                  {"name": "%s", "reason": "stand-in bug: i32.rem_s runs as i32.rem_u",
                   "reproducer": "%s", "signature": "%s"}
                ]}
                """.formatted(name, relative, signature), StandardCharsets.UTF_8);
    }

    @When("I fuzz {int} cases of seed {long} in process on {string} with the known findings {string}")
    public void fuzzKnown(int cases, long seed, String engines, String registry) {
        knownOut = world().scratch().resolve("out-known");
        List<String> args = campaignArgs(cases, seed, engines, knownOut);
        args.addAll(List.of("--known", world().scratch().resolve(registry).toString()));
        world().last = Harness.run(args);
        summary = Json.parse(world().last.stdout(), world().last);
    }

    @Then("the bug is reported as the known finding {string}, with as many findings as the first campaign and its cases saved")
    public void reportedAsKnown(String name) {
        CliRun run = world().last();
        JsonNode bug = summary.path("bugs").get(0);
        JsonNode first = firstSummary.path("bugs").get(0);
        assertEquals(name, bug.path("known").path("name").asText(), run.describe());
        assertEquals(first.path("id").asText(), bug.path("id").asText());
        assertEquals(first.path("count").asLong(), bug.path("count").asLong(), "the same cases find the same occurrences");
        assertEquals(first.path("savedCases"), bug.path("savedCases"));
        for (JsonNode index : bug.path("savedCases")) {
            Path filler = knownOut.resolve("findings").resolve(bug.path("id").asText()).resolve("cases")
                    .resolve(index.asText()).resolve("filler.json");
            assertTrue(Files.isRegularFile(filler), filler.toString());
        }
        // the registry's reproducer stands for it: a known bug is not minimized again
        assertTrue(bug.path("reproducer").isNull(), bug.toString());
        assertTrue(Files.isRegularFile(world().scratch().resolve(bug.path("known").path("reproducer").asText())));
    }

    @Then("the progress on stderr names it as a known bug")
    public void progressNamesKnown() {
        CliRun run = world().last();
        JsonNode bug = summary.path("bugs").get(0);
        String expected = "known bug " + bug.path("id").asText() + " (" + bug.path("known").path("name").asText() + ")";
        assertTrue(run.stderr().contains(expected), "expected '" + expected + "'" + run.describe());
        assertTrue(run.stderr().contains("(0 new, 1 known)"), run.describe());
    }

    @Given("a known-findings registry {string} whose entry has the key {string} instead of {string}")
    public void badRegistry(String file, String wrong, String right) throws IOException {
        Files.writeString(world().scratch().resolve("repro.json"), "{}");
        Files.writeString(world().scratch().resolve(file), """
                {"format": "ecliptica-fuzz-known/1", "known": [
                  {"name": "n", "reason": "r", "reproducer": "repro.json",
                   "match": {"field": "writes", "sides": [["a"], ["b"]], "%s": "storage_write vs none"}}
                ]}
                """.formatted(wrong), StandardCharsets.UTF_8);
        assertFalse(wrong.equals(right));
    }

    @When("I fuzz {int} case(s) with the known findings {string}")
    public void fuzzWithRegistry(int cases, String registry) {
        world().last = Harness.run(List.of("fuzz", "--in-process", "--cases", Integer.toString(cases), "--contracts", "none",
                "--out", world().scratch().resolve("never").toString(), "--known", world().scratch().resolve(registry).toString()));
        assertFalse(Files.exists(world().scratch().resolve("never")), "a refused campaign writes nothing");
    }

    @When("I start a campaign of seed {long} on {string} in its own JVM with worker processes")
    public void startCampaign(long seed, String engines) throws IOException {
        startCampaign(seed, engines, 0);
    }

    @When("I start a campaign of seed {long} on {string} in its own JVM with worker processes and minimization")
    public void startMinimizingCampaign(long seed, String engines) throws IOException {
        startCampaign(seed, engines, 300);
    }

    private void startCampaign(long seed, String engines, int minimizeRuns) throws IOException {
        campaignOut = world().scratch().resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ecliptica.harness.cli.Main", "fuzz", "--seed",
                Long.toString(seed), "--time", "10m", "--minimize-runs", Integer.toString(minimizeRuns), "--out",
                campaignOut.toString(),
                "--contracts", pool.toString(), "--generated", "0", "--engines", engines));
        campaign = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(world().scratch().resolve("campaign.err").toFile()).start();
    }

    @When("the first finding appears on disk")
    public void firstFinding() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Path findings = campaignOut.resolve("findings");
            if (Files.isDirectory(findings)) {
                try (Stream<Path> s = Files.list(findings)) {
                    List<Path> bugs = s.filter(d -> Files.isRegularFile(d.resolve("bug.json"))).toList();
                    if (!bugs.isEmpty()) {
                        bugDir = bugs.get(0);
                        return;
                    }
                }
            }
            assertTrue(campaign.isAlive(), "the campaign ended early: " + Files.readString(world().scratch().resolve("campaign.err")));
            Thread.sleep(100);
        }
        throw new AssertionError("no finding within 90 s: " + Files.readString(world().scratch().resolve("campaign.err")));
    }

    @When("I kill the campaign's JVM")
    public void kill() throws InterruptedException {
        // SIGKILL: no shutdown hook, no summary; only what was already on disk survives
        campaign.destroyForcibly();
        assertTrue(campaign.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(campaignOut.resolve("summary.json")), "a killed campaign writes no summary");
    }

    @When("I send the campaign SIGTERM")
    public void sigterm() throws IOException {
        workers = campaign.descendants().toList();
        assertFalse(workers.isEmpty(), "the campaign runs its engines in worker processes");
        // what was on disk when the signal came: each bug's count and saved cases
        bugsAtSignal.clear();
        try (Stream<Path> s = Files.list(campaignOut.resolve("findings"))) {
            for (Path d : s.filter(d -> Files.isRegularFile(d.resolve("bug.json"))).toList()) {
                bugsAtSignal.put(d.getFileName().toString(), Json.MAPPER.readTree(d.resolve("bug.json").toFile()));
            }
        }
        campaign.destroy(); // SIGTERM on Unix
    }

    @Then("the campaign exits within {int} seconds with code {int}")
    public void exitsWithin(int seconds, int code) throws Exception {
        assertTrue(campaign.waitFor(seconds, TimeUnit.SECONDS), "the campaign still runs " + seconds + " s after SIGTERM");
        assertEquals(code, campaign.exitValue(), Files.readString(world().scratch().resolve("campaign.err")));
    }

    @Then("its summary on disk says it was stopped by a signal")
    public void stoppedBySignal() throws IOException {
        Path file = campaignOut.resolve("summary.json");
        assertTrue(Files.isRegularFile(file), "no summary.json after SIGTERM");
        summary = Json.MAPPER.readTree(file.toFile());
        assertEquals("signal", summary.path("stoppedBy").asText(), summary.toString());
    }

    @Then("every finding on disk at the signal is in the summary, at least as often, with its cases and bug file")
    public void nothingLost() throws IOException {
        java.util.Map<String, JsonNode> inSummary = new java.util.TreeMap<>();
        summary.path("bugs").forEach(b -> inSummary.put(b.path("id").asText(), b));
        assertFalse(bugsAtSignal.isEmpty());
        for (java.util.Map.Entry<String, JsonNode> e : bugsAtSignal.entrySet()) {
            JsonNode b = inSummary.get(e.getKey());
            assertTrue(b != null, "bug " + e.getKey() + " was on disk but is not in the summary");
            assertTrue(b.path("count").asLong() >= e.getValue().path("count").asLong());
        }
        for (JsonNode b : inSummary.values()) {
            Path dir = campaignOut.resolve("findings").resolve(b.path("id").asText());
            // the bug file was rewritten last with what the summary says
            assertEquals(b, Json.MAPPER.readTree(dir.resolve("bug.json").toFile()));
            for (JsonNode index : b.path("savedCases")) {
                assertTrue(Files.isRegularFile(dir.resolve("cases").resolve(index.asText()).resolve("filler.json")));
            }
            if (!b.path("reproducer").isNull()) {
                Path repro = campaignOut.resolve(b.path("reproducer").path("dir").asText());
                assertTrue(Files.isRegularFile(repro.resolve("filler.json")), repro.toString());
                assertEquals(b.path("reproducer").path("fixture").asBoolean(), Files.isRegularFile(repro.resolve("fixture.json")));
            }
        }
        long sum = 0;
        for (JsonNode b : inSummary.values()) {
            sum += b.path("count").asLong();
        }
        assertEquals(summary.path("findings").asLong(), sum);
    }

    @Then("no worker process of the campaign is left running")
    public void noWorkerLeft() throws InterruptedException {
        for (ProcessHandle w : workers) {
            w.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> w).join();
            assertFalse(w.isAlive(), "worker " + w.pid() + " outlived the campaign");
        }
    }

    @Then("the finding's bug file names a crash of {string}")
    public void crashFinding(String engine) throws IOException {
        JsonNode bug = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bugDir.resolve("bug.json").toFile());
        assertEquals("crash", bug.path("field").asText());
        assertEquals("[[\"" + engine + "\"]]", bug.path("sides").toString());
        assertTrue(bug.path("count").asLong() >= 1);
    }

    @Then("every case the bug file lists is saved as a filler that calls {string}")
    public void savedCases(String function) throws IOException {
        JsonNode bug = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bugDir.resolve("bug.json").toFile());
        assertTrue(bug.path("savedCases").size() >= 1);
        for (JsonNode index : bug.path("savedCases")) {
            Path filler = bugDir.resolve("cases").resolve(index.asText()).resolve("filler.json");
            assertTrue(Files.readString(filler).contains("\"function\": \"" + function + "\""), filler.toString());
            // with its code beside it, as fill and verify expect
            assertTrue(Files.isRegularFile(filler.resolveSibling("contract.wasm")));
        }
    }

    @Then("the case that was running when the campaign died is saved as a filler")
    public void inflight() throws IOException {
        Path filler = campaignOut.resolve("inflight").resolve("shard-0").resolve("filler.json");
        assertTrue(Files.isRegularFile(filler));
        assertTrue(Files.readString(filler).contains("ecliptica-filler/1"));
    }
}
