package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Steps every feature uses: running a command line, exit codes, stderr discipline. */
public class CommonSteps {
    /** This scenario's state; looked up on every use, never cached across scenarios. */
    private static World world() {
        return World.get();
    }

    /** {@code "harness engines --json"}: words separated by spaces, the first one {@code harness}. */
    @When("I run {string}")
    public void iRun(String commandLine) {
        List<String> words = Arrays.asList(commandLine.trim().split("\\s+"));
        assertEquals("harness", words.get(0), "a command line in a feature must start with 'harness': " + commandLine);
        world().last = Harness.run(words.subList(1, words.size()));
    }

    @Then("the exit code is {int}")
    public void theExitCodeIs(int expected) {
        CliRun run = world().last();
        assertEquals(expected, run.exitCode(), "unexpected exit code" + run.describe());
    }

    @Then("no stack trace is printed")
    public void noStackTrace() {
        CliRun run = world().last();
        for (String marker : List.of("\tat ", "Caused by: ", "Exception in thread")) {
            assertFalse(run.stderr().contains(marker) || run.stdout().contains(marker) || run.jvmStderr().contains(marker),
                    "the output contains a stack trace (found '" + marker.strip() + "')" + run.describe());
        }
    }

    @Then("nothing is printed on stderr")
    public void nothingOnStderr() {
        CliRun run = world().last();
        assertTrue(run.stderrLines().isEmpty(), "expected no output on stderr" + run.describe());
    }

    @Then("stderr is exactly one line, naming the file {string}")
    public void oneStderrLineNaming(String fileName) {
        oneLine(fileName);
    }

    /**
     * The one stderr line, which must name the scenario's scratch file {@code fileName} by its path
     * (absolute, or relative to the working directory, as the harness displays paths).
     */
    static String oneLine(String fileName) {
        CliRun run = World.get().last();
        List<String> lines = run.stderrLines();
        assertEquals(1, lines.size(), "expected exactly one line on stderr, found " + lines.size() + run.describe());
        String line = lines.get(0);
        Path file = World.get().scratch().resolve(fileName).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        String relative = file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
        assertTrue(line.contains(file.toString()) || line.contains(relative),
                "the stderr line does not name the file " + file + run.describe());
        return line;
    }
}
