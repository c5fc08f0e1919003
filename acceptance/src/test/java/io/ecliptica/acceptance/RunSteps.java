package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RunSteps {
    /** The compared result fields, as run prints them (docs/abi.md §4). */
    static final List<String> FIELDS = List.of("status", "class", "output", "results", "events", "writes", "gasUsed", "stateRoot");
    /** {@code "  field   value"}: a field every engine agrees on. */
    private static final Pattern AGREED_FIELD = Pattern.compile("^  (\\S+)\\s+(.*)$");
    /** {@code "    engine   value"}: one engine's value of a field the engines differ on. */
    private static final Pattern ENGINE_VALUE = Pattern.compile("^    (\\S+)\\s+(.*)$");

    /** This scenario's state; looked up on every use, never cached across scenarios. */
    private static World world() {
        return World.get();
    }

    @Given("a module file {string} in a scratch folder containing {int} random bytes")
    public void randomBytes(String name, int count) {
        byte[] bytes = new byte[count];
        new Random(20261125L).nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never the \0asm magic
        writeModule(name, bytes);
    }

    @Given("a module file {string} in a scratch folder containing the first half of the bundled contract {string}")
    public void truncatedContract(String name, String contract) {
        byte[] whole = read(Repo.contract(contract));
        writeModule(name, Arrays.copyOf(whole, whole.length / 2));
    }

    @Given("a module file {string} in a scratch folder containing no bytes at all")
    public void emptyFile(String name) {
        writeModule(name, new byte[0]);
    }

    @Given("the arithmetic module written by the test into a scratch folder")
    public void arithmeticModule() {
        writeModule("arithmetic.wasm", TinyWasm.arithmetic());
    }

    @When("I run the module's export {string}")
    public void runExport(String export) {
        world().last = Harness.run(List.of("run", world().module.toString(), "--call", export));
    }

    /** Passes the arguments the way a user types them: {@code --args -7,4}. */
    @When("I run the module's export {string} with args {string}")
    public void runExportWithArgs(String export, String args) {
        world().last = Harness.run(List.of("run", world().module.toString(), "--call", export, "--args", args));
    }

    @When("I run the module's export {string} with args {string} and --json")
    public void runExportJson(String export, String args) {
        world().last = Harness.run(List.of("run", world().module.toString(), "--call", export, "--args", args, "--json"));
    }

    @Then("every engine reports status {string}, class {string} and results {string}")
    public void everyEngineReports(String status, String cls, String results) {
        CliRun run = world().last();
        Map<String, Map<String, String>> table = sideBySide(run);
        for (String engine : Engines.usable()) {
            Map<String, String> r = table.get(engine);
            assertTrue(r != null, "no result from engine " + engine + run.describe());
            assertEquals(status, r.get("status"), engine + ": status" + run.describe());
            // run prints an empty class as ""
            assertEquals(cls.isEmpty() ? "\"\"" : cls, r.get("class"), engine + ": class" + run.describe());
            assertEquals(results, r.get("results"), engine + ": results" + run.describe());
        }
    }

    @Then("the report says that all engines agree")
    public void allAgree() {
        CliRun run = world().last();
        String expected = "AGREE: all " + Engines.usable().size() + " engines give byte-identical results.";
        assertTrue(run.stdoutLines().contains(expected), "missing the line '" + expected + "'" + run.describe());
    }

    @Then("stdout is JSON with a result for every engine")
    public void jsonResultPerEngine() {
        CliRun run = world().last();
        JsonNode results = jsonResults(run);
        List<String> engines = new ArrayList<>();
        results.fieldNames().forEachRemaining(engines::add);
        assertEquals(Engines.usable(), engines, "engines with a result in the JSON report" + run.describe());
    }

    @Then("every engine's JSON result has the same status, class, output, results, events, writes and stateRoot")
    public void jsonResultsIdentical() {
        CliRun run = world().last();
        JsonNode results = jsonResults(run);
        String first = Engines.usable().get(0);
        for (String engine : Engines.usable()) {
            for (String field : FIELDS) {
                JsonNode value = results.path(engine).path(field);
                assertTrue(value.isTextual(), engine + " has no field " + field + run.describe());
                assertEquals(results.path(first).path(field), value, "field " + field + " of " + engine + " differs from "
                        + first + run.describe());
            }
        }
    }

    @Then("every engine's JSON result has status {string} and results {string}")
    public void jsonStatusAndResults(String status, String values) {
        CliRun run = world().last();
        JsonNode results = jsonResults(run);
        for (String engine : Engines.usable()) {
            assertEquals(status, results.path(engine).path("status").asText(), engine + ": status" + run.describe());
            assertEquals(values, results.path(engine).path("results").asText(), engine + ": results" + run.describe());
        }
    }

    private static JsonNode jsonResults(CliRun run) {
        JsonNode root = Json.parse(run.stdout(), run);
        JsonNode vectors = root.path("vectors");
        assertEquals(1, vectors.size(), "expected one entry in 'vectors'" + run.describe());
        JsonNode results = vectors.get(0).path("results");
        assertTrue(results.isObject(), "no 'results' object" + run.describe());
        return results;
    }

    /** Parses run's side-by-side text: a line "field:" followed by one "  engine  value" line per engine. */
    /**
     * Parses run's side-by-side text: a field all engines agree on is one line
     * ({@code "  status   ok"}) and stands for every engine; a field they differ on is
     * {@code "  status   DIFFERS:"} followed by one indented line per engine.
     */
    static Map<String, Map<String, String>> sideBySide(CliRun run) {
        Map<String, Map<String, String>> byEngine = new LinkedHashMap<>();
        for (String engine : Engines.usable()) {
            byEngine.put(engine, new LinkedHashMap<>());
        }
        String differing = null;
        for (String line : run.stdoutLines()) {
            Matcher agreed = AGREED_FIELD.matcher(line);
            Matcher perEngine = ENGINE_VALUE.matcher(line);
            if (agreed.matches() && FIELDS.contains(agreed.group(1))) {
                differing = agreed.group(2).equals("DIFFERS:") ? agreed.group(1) : null;
                if (differing == null) {
                    for (Map<String, String> fields : byEngine.values()) {
                        fields.put(agreed.group(1), agreed.group(2));
                    }
                }
            } else if (differing != null && perEngine.matches() && byEngine.containsKey(perEngine.group(1))) {
                byEngine.get(perEngine.group(1)).put(differing, perEngine.group(2));
            } else {
                differing = null;
            }
        }
        byEngine.values().removeIf(Map::isEmpty);
        return byEngine;
    }

    private void writeModule(String name, byte[] bytes) {
        Path file = world().scratch().resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        world().module = file;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
