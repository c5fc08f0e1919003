package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Steps of profile.feature: {@code run --json} on a bundled contract under a profile, and checks
 * on each engine's result in the JSON report.
 */
public class ProfileSteps {
    /** The last run's arguments, to run it again with another gas limit. */
    private List<String> lastArgs = List.of();
    private long noted = -1;

    private static World world() {
        return World.get();
    }

    private void run(List<String> args) {
        lastArgs = List.copyOf(args);
        world().last = Harness.run(args);
    }

    private static List<String> runArgs(Path module, String export, String args, String profile, String engines, String gas) {
        // a generous wall-clock guard: raw deep recursion on the interpreters takes seconds, more on a loaded machine,
        // and a guard that fires would turn the divergence these scenarios show into an engine failure
        List<String> out = new ArrayList<>(List.of("run", module.toString(), "--call", export, "--json", "--profile", profile,
                "--timeout", "180"));
        if (!args.isEmpty()) {
            out.add("--args");
            out.add(args);
        }
        if (!engines.isEmpty()) {
            out.add("--engines");
            out.add(engines);
        }
        if (!gas.isEmpty()) {
            out.add("--gas-limit");
            out.add(gas);
        }
        return out;
    }

    private static Path contract(String name) {
        return Repo.contract(name);
    }

    @When("I run the contract {string} export {string} with args {string} under profile {string}")
    public void runWithArgs(String name, String export, String args, String profile) {
        run(runArgs(contract(name), export, args, profile, "", ""));
    }

    @When("I run the contract {string} export {string} under profile {string} on engines {string}")
    public void runOnEngines(String name, String export, String profile, String engines) {
        run(runArgs(contract(name), export, "", profile, engines, ""));
    }

    @When("I run the contract {string} export {string} with gas limit {long} under profile {string}")
    public void runWithGas(String name, String export, long gas, String profile) {
        run(runArgs(contract(name), export, "", profile, "", Long.toString(gas)));
    }

    @When("I run the module's export {string} under profile {string}")
    public void runModule(String export, String profile) {
        run(runArgs(world().module, export, "", profile, "", ""));
    }

    @When("I run the module's export {string} under profile {string} on engines {string}")
    public void runModuleOnEngines(String export, String profile, String engines) {
        run(runArgs(world().module, export, "", profile, engines, ""));
    }

    @When("I run it again with the gas limit set to the gas it used")
    public void againWithGasUsed() {
        againWithLimit(sameGasUsed());
    }

    @When("I run it again with the gas limit set to one unit less than the gas it used")
    public void againWithOneLess() {
        againWithLimit(sameGasUsed() - 1);
    }

    private void againWithLimit(long limit) {
        List<String> args = new ArrayList<>(lastArgs);
        int i = args.indexOf("--gas-limit");
        if (i >= 0) {
            args.remove(i + 1);
            args.remove(i);
        }
        args.add("--gas-limit");
        args.add(Long.toString(limit));
        run(args);
    }

    @When("I note the gas used")
    public void noteGas() {
        noted = sameGasUsed();
    }

    @Given("a module file {string} in a scratch folder with the bytes {string}")
    public void moduleWithBytes(String name, String hex) {
        Path file = world().scratch().resolve(name);
        try {
            Files.write(file, HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        world().module = file;
    }

    /** Each engine's result object from the last {@code run --json}. */
    private static Map<String, JsonNode> results() {
        CliRun run = world().last();
        JsonNode root = Json.parse(run.stdout(), run);
        JsonNode results = root.path("vectors").path(0).path("results");
        assertTrue(results.isObject() && results.size() > 0, "no per-engine results in the JSON report" + run.describe());
        Map<String, JsonNode> out = new TreeMap<>();
        results.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static long sameGasUsed() {
        CliRun run = world().last();
        List<Long> gas = results().values().stream().map(r -> Long.parseLong(r.path("gasUsed").asText("-1"))).distinct().toList();
        assertEquals(1, gas.size(), "engines report different gas: " + gas + run.describe());
        return gas.get(0);
    }

    @Then("the engines disagree on the field {string}")
    public void disagree(String field) {
        CliRun run = world().last();
        JsonNode finding = Json.parse(run.stdout(), run).path("vectors").path(0).path("findings").path(0);
        assertEquals("divergence", finding.path("kind").asText(), "expected a divergence" + run.describe());
        assertEquals(field, finding.path("field").asText(), "the first differing field" + run.describe());
        assertTrue(finding.path("values").size() >= 2, "every engine's value is listed" + run.describe());
    }

    @Then("every engine reports status {string} and class {string}")
    public void everyStatus(String status, String cls) {
        CliRun run = world().last();
        for (Map.Entry<String, JsonNode> e : results().entrySet()) {
            assertStatus(e.getKey(), e.getValue(), status, cls, run);
        }
    }

    @Then("engine {string} reports status {string} and class {string}")
    public void engineStatus(String engine, String status, String cls) {
        CliRun run = world().last();
        JsonNode r = results().get(engine);
        assertTrue(r != null, "no result from " + engine + run.describe());
        assertStatus(engine, r, status, cls, run);
    }

    private static void assertStatus(String engine, JsonNode result, String status, String cls, CliRun run) {
        assertEquals(status, result.path("status").asText(), engine + ": status" + run.describe());
        assertEquals(cls.isEmpty() ? "\"\"" : cls, result.path("class").asText(), engine + ": class" + run.describe());
    }

    @Then("every engine reports results {string}")
    public void everyResults(String results) {
        CliRun run = world().last();
        for (Map.Entry<String, JsonNode> e : results().entrySet()) {
            assertEquals(results, e.getValue().path("results").asText(), e.getKey() + ": results" + run.describe());
        }
    }

    @Then("engine {string} reports results {string}")
    public void engineResults(String engine, String results) {
        CliRun run = world().last();
        JsonNode r = results().get(engine);
        assertTrue(r != null, "no result from " + engine + run.describe());
        assertEquals(results, r.path("results").asText(), engine + ": results" + run.describe());
    }

    @Then("every engine reports the same gas used, more than 0")
    public void sameGas() {
        assertTrue(sameGasUsed() > 0, "gas used must be positive under a metering profile" + world().last().describe());
    }

    @Then("every engine reports a gas used equal to the gas limit")
    public void gasEqualsLimit() {
        int i = lastArgs.indexOf("--gas-limit");
        assertTrue(i >= 0, "the run had no explicit gas limit");
        assertEquals(Long.parseLong(lastArgs.get(i + 1)), sameGasUsed(), "gas used" + world().last().describe());
    }

    @Then("every engine reports a gas used {int} more than noted")
    public void gasMoreThanNoted(int delta) {
        assertTrue(noted >= 0, "no gas was noted");
        assertEquals(noted + delta, sameGasUsed(), "gas used" + world().last().describe());
    }

    @Then("every engine reports an output that reads {string}")
    public void outputReads(String prefix) {
        CliRun run = world().last();
        for (Map.Entry<String, JsonNode> e : results().entrySet()) {
            String hex = e.getValue().path("output").asText();
            assertTrue(hex.startsWith("0x"), e.getKey() + ": output is not hex" + run.describe());
            String text = new String(HexFormat.of().parseHex(hex.substring(2)), StandardCharsets.UTF_8);
            assertTrue(text.startsWith(prefix), e.getKey() + ": output reads '" + text + "'" + run.describe());
        }
    }

    @Given("in the copy, the gasUsed of block {int} tx {int} is one more")
    public void bumpGas(int block, int tx) {
        JsonNode root = Json.read(world().copy);
        ObjectNode expect = (ObjectNode) root.path("blocks").path(block).path("transactions").path(tx).path("expect");
        assertFalse(expect.isMissingNode(), "no block " + block + " tx " + tx + " in " + world().copy);
        long gas = expect.path("gasUsed").asLong(-1);
        assertTrue(gas >= 0, "no gasUsed at block " + block + " tx " + tx);
        expect.set("gasUsed", LongNode.valueOf(gas + 1));
        world().tamperedBlock = block;
        world().tamperedTx = tx;
        world().tamperedHeight = root.path("blocks").path(block).path("height").asLong(-1);
        world().tamperedField = "gasUsed";
        world().originalValue = Long.toString(gas);
        world().tamperedValue = Long.toString(gas + 1);
        Json.write(world().copy, root);
    }

    @Given("in the copy, the costTableHash is replaced")
    public void replaceCostTableHash() {
        JsonNode root = Json.read(world().copy);
        ObjectNode info = (ObjectNode) root.path("_info");
        String old = info.path("costTableHash").asText();
        assertFalse(old.isEmpty(), "the vector records no costTableHash");
        info.set("costTableHash", TextNode.valueOf("0".repeat(old.length())));
        Json.write(world().copy, root);
    }

    @Then("the output names the field {string}")
    public void outputNamesField(String field) {
        CliRun run = world().last();
        assertTrue(run.stdout().contains("field " + field), "no finding names the field " + field + run.describe());
    }
}
