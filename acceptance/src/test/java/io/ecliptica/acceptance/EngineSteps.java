package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

public class EngineSteps {
    /** A version as libraries write it: at least major.minor. */
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    /** This scenario's state; looked up on every use, never cached across scenarios. */
    private static World world() {
        return World.get();
    }

    @Then("these engines are listed as usable with a version:")
    public void listedAsUsable(List<String> ids) {
        CliRun run = world().last();
        for (String id : ids) {
            String line = run.stdoutLines().stream().filter(l -> l.startsWith(id + " ")).findFirst().orElse(null);
            assertTrue(line != null, "engine " + id + " is not listed" + run.describe());
            String[] words = line.trim().split("\\s+", 3);
            assertTrue(words.length == 3 && words[1].equals("usable"), "engine " + id + " is not listed as usable: '"
                    + line + "'" + run.describe());
            assertTrue(VERSION.matcher(words[2]).find(), "engine " + id + " is listed without a version: '" + line + "'"
                    + run.describe());
        }
    }

    @Then("no engine is listed as unavailable")
    public void noneUnavailable() {
        CliRun run = world().last();
        List<String> lines = run.stdoutLines().stream().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no engines listed" + run.describe());
        for (String line : lines) {
            String[] words = line.trim().split("\\s+", 3);
            assertTrue(words.length >= 2 && words[1].equals("usable"), "not usable: '" + line + "'" + run.describe());
        }
    }

    @Then("stdout is a JSON object whose {string} have the ids:")
    public void jsonIds(String member, List<String> ids) {
        CliRun run = world().last();
        JsonNode root = Json.parse(run.stdout(), run);
        assertTrue(root.path(member).isArray(), "no array '" + member + "' in the JSON" + run.describe());
        List<String> actual = new ArrayList<>();
        root.path(member).forEach(e -> actual.add(e.path("id").asText()));
        assertEquals(ids, actual, "engine ids in the JSON listing" + run.describe());
    }

    @Then("the engines run by default are:")
    public void defaultEngines(List<String> ids) {
        CliRun run = world().last();
        List<String> actual = new ArrayList<>();
        Json.parse(run.stdout(), run).path("engines").forEach(e -> {
            if (e.path("default").asBoolean(false)) {
                actual.add(e.path("id").asText());
            }
        });
        assertEquals(ids, actual, "engines with default: true" + run.describe());
    }

    @Then("{string} is listed as a variant used only when named")
    public void variantListed(String id) {
        CliRun run = world().last();
        String line = run.stdoutLines().stream().filter(l -> l.startsWith(id + " ")).findFirst().orElse("");
        assertTrue(line.contains("usable") && line.contains("variant"), "no variant line for " + id + run.describe());
    }

    @Then("every engine in the JSON listing is usable and has a library, a version and a mode")
    public void jsonEnginesComplete() {
        CliRun run = world().last();
        for (JsonNode e : Json.parse(run.stdout(), run).path("engines")) {
            String id = e.path("id").asText();
            assertTrue(e.path("usable").isBoolean() && e.path("usable").asBoolean(), id + " is not usable" + run.describe());
            assertFalse(e.path("library").asText().isBlank(), id + " has no library" + run.describe());
            assertTrue(VERSION.matcher(e.path("version").asText()).find(), id + " has no version" + run.describe());
            assertFalse(e.path("mode").asText().isBlank(), id + " has no mode" + run.describe());
        }
    }

    @Then("the JSON listing has the same engines in the same order as {string}")
    public void sameAsText(String textCommand) {
        CliRun json = world().last();
        List<String> fromJson = new ArrayList<>();
        Json.parse(json.stdout(), json).path("engines").forEach(e -> fromJson.add(e.path("id").asText()));
        List<String> words = Arrays.asList(textCommand.trim().split("\\s+"));
        CliRun text = Harness.run(words.subList(1, words.size()));
        assertEquals(0, text.exitCode(), text.describe());
        List<String> fromText = text.stdoutLines().stream().filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+")[0]).toList();
        assertEquals(fromText, fromJson, "the text and JSON listings differ" + text.describe() + json.describe());
    }

    @Given("the launcher script bin\\/harness exists")
    public void launcherExists() {
        Path launcher = Repo.launcher();
        Assumptions.assumeTrue(Files.isRegularFile(launcher),
                "skipped: the launcher " + launcher + " is missing, so it cannot be tested");
        assertTrue(Files.isExecutable(launcher), launcher + " exists but is not executable");
    }

    /**
     * Runs the real script. It rebuilds the jar when sources are newer than it (a Maven build, up to
     * minutes on a busy machine), hence the generous timeout.
     */
    @When("I run the launcher with {string}")
    public void runLauncher(String args) {
        CliRun run = Harness.launcher(Arrays.asList(args.trim().split("\\s+")), Duration.ofMinutes(5));
        Path buildLog = Repo.root().resolve(".build.log");
        if (run.exitCode() != 0 && Files.isRegularFile(buildLog)) {
            try {
                List<String> log = Files.readAllLines(buildLog);
                String tail = String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
                run = new CliRun(run.command(), run.exitCode(), run.stdout(),
                        run.stderr() + "\n--- tail of " + buildLog + " ---\n" + tail, "", run.took());
            } catch (java.io.IOException e) {
                // keep the run as it is
            }
        }
        world().last = run;
    }
}
