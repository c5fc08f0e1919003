package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

public class VerifySteps {
    private static final Pattern PLACE_PART = Pattern.compile("(\\w+)(?:\\[(\\d+)])?");
    private static final Pattern FINDING_VALUE = Pattern.compile("^ {8}(\\S+)\\s+(\\S.*)$");

    /** This scenario's state; looked up on every use, never cached across scenarios. */
    private static World world() {
        return World.get();
    }

    // --- the bundled vectors -------------------------------------------------------------------

    @Given("the bundled vectors")
    public void theBundledVectors() {
        assertFalse(BundledVectors.files().isEmpty(), "no bundled vectors in " + BundledVectors.origin());
    }

    @Given("the bundled vectors are committed in vectors\\/fixtures")
    public void bundledInRepository() {
        Assumptions.assumeTrue(Files.isDirectory(Repo.fixtures()), "skipped: " + Repo.fixtures() + " does not exist yet");
        assertTrue(BundledVectors.inRepository(), "expected the bundled vectors to come from vectors/fixtures");
    }

    @When("I verify the bundled vectors")
    public void verifyBundled() {
        world().last = Harness.run(List.of("verify", BundledVectors.dir().toString()));
    }

    @When("I verify the folder {string}")
    public void verifyFolder(String folder) {
        world().last = Harness.run(List.of("verify", Repo.root().resolve(folder).toString()));
    }

    @Then("every bundled vector is reported as PASS, by file name")
    public void everyBundledVectorPasses() {
        CliRun run = world().last();
        List<Path> files = BundledVectors.files();
        for (Path f : files) {
            assertReported(run, "PASS", f);
        }
        List<String> notPassed = run.stdoutLines().stream()
                .filter(l -> l.startsWith("FAIL") || l.contains("MISMATCH") || l.contains("DIVERGENCE") || l.contains("ENGINE FAILURE"))
                .toList();
        assertTrue(notPassed.isEmpty(), "vectors failed: " + notPassed + run.describe());
        long passLines = run.stdoutLines().stream().filter(l -> l.startsWith("PASS  ")).count();
        assertEquals(files.size(), passLines, "PASS lines, one per bundled vector in " + BundledVectors.origin() + run.describe());
    }

    @Then("the summary says every bundled vector passed")
    public void summaryAllPassed() {
        int n = BundledVectors.files().size();
        assertSummary(world().last(), n, n, 0, 0);
    }

    @Then("there is a bundled vector for every filler in vectors\\/fillers")
    public void fixtureForEveryFiller() {
        List<String> fillers = Repo.jsonFiles(Repo.fillers()).stream().map(p -> p.getFileName().toString()).toList();
        List<String> fixtures = BundledVectors.files().stream().map(p -> p.getFileName().toString()).toList();
        List<String> missing = fillers.stream().filter(f -> !fixtures.contains(f)).toList();
        assertTrue(missing.isEmpty(), "fillers without a filled vector in " + BundledVectors.origin() + ": " + missing);
    }

    // --- tampering -----------------------------------------------------------------------------

    @Given("a copy of the bundled vector {string} in a scratch folder")
    public void copyOfBundled(String name) {
        world().copy = copy(BundledVectors.file(name), name);
    }

    /** {@code place} is a path into the vector's JSON such as {@code blocks[1].transactions[2].expect.stateRoot}. */
    @Given("in the copy, one hex digit of {word} is changed")
    public void tamper(String place) {
        JsonNode root = Json.read(world().copy);
        JsonNode parent = root;
        String[] parts = place.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            Matcher m = PLACE_PART.matcher(parts[i]);
            assertTrue(m.matches(), "cannot read the place " + place);
            boolean last = i == parts.length - 1;
            if (last) {
                assertTrue(m.group(2) == null, "the place must end in a field name: " + place);
                JsonNode value = parent.path(m.group(1));
                assertTrue(value.isTextual() && value.asText().matches("0x[0-9a-fA-F]+"),
                        place + " in " + world().copy + " is not a non-empty hex string: " + value);
                world().originalValue = value.asText();
                world().tamperedValue = flipLastDigit(world().originalValue);
                world().tamperedField = m.group(1);
                ((ObjectNode) parent).set(m.group(1), TextNode.valueOf(world().tamperedValue));
            } else {
                parent = parent.path(m.group(1));
                if (m.group(2) != null) {
                    int index = Integer.parseInt(m.group(2));
                    if (parts[i].startsWith("blocks")) {
                        world().tamperedBlock = index;
                        world().tamperedHeight = parent.path(index).path("height").asLong(-1);
                    } else if (parts[i].startsWith("transactions")) {
                        world().tamperedTx = index;
                    }
                    parent = parent.path(index);
                }
                assertFalse(parent.isMissingNode(), "no " + place + " in " + world().copy);
            }
        }
        assertNotEquals(world().originalValue, world().tamperedValue);
        Json.write(world().copy, root);
    }

    /** Changes the last hex digit to another one: 0 becomes 1, anything else 0. */
    private static String flipLastDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    @When("I verify the copy")
    public void verifyCopy() {
        world().last = Harness.run(List.of("verify", world().copy.toString()));
    }

    @Then("the copy is reported as FAIL")
    public void copyFails() {
        assertReported(world().last(), "FAIL", world().copy);
    }

    @Then("the report has exactly one mismatch, at block {int}, block-level, field {string}")
    public void mismatchAtBlock(int block, String field) {
        mismatchAt(block, -1, field);
    }

    @Then("the report has exactly one mismatch, at block {int}, tx {int}, field {string}")
    public void mismatchAtTx(int block, int tx, String field) {
        mismatchAt(block, tx, field);
    }

    private void mismatchAt(int block, int tx, String field) {
        CliRun run = world().last();
        // the outline's location must be the place that was tampered with
        assertEquals(world().tamperedBlock, block, "the example's block is not the tampered one");
        assertEquals(world().tamperedTx, tx, "the example's tx is not the tampered one");
        assertEquals(world().tamperedField, field, "the example's field is not the tampered one");
        List<String> findings = run.stdoutLines().stream()
                .filter(l -> l.contains("MISMATCH at") || l.contains("DIVERGENCE at") || l.contains("ENGINE FAILURE at"))
                .toList();
        assertEquals(1, findings.size(), "expected exactly one finding, found " + findings + run.describe());
        String where = "block " + block + " (height " + world().tamperedHeight + ")" + (tx < 0 ? "" : ", tx " + tx)
                + ", field " + field;
        assertTrue(findings.get(0).strip().startsWith("MISMATCH at " + where + ":"),
                "expected the finding 'MISMATCH at " + where + ": ...'" + run.describe());
    }

    @Then("the mismatch shows the changed value as expected")
    public void showsExpected() {
        CliRun run = world().last();
        assertEquals(world().tamperedValue, findingValues(run).get("expected"), "the finding's expected value" + run.describe());
    }

    @Then("the mismatch shows the original value for every engine")
    public void showsEveryEngine() {
        CliRun run = world().last();
        Map<String, String> values = findingValues(run);
        for (String engine : Engines.usable()) {
            assertEquals(world().originalValue, values.get(engine), "the value of engine " + engine + " in the finding"
                    + run.describe());
        }
    }

    /** The "name  value" lines under the finding line. */
    private static Map<String, String> findingValues(CliRun run) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean inFinding = false;
        for (String line : run.stdoutLines()) {
            if (line.contains("MISMATCH at")) {
                inFinding = true;
                continue;
            }
            Matcher m = FINDING_VALUE.matcher(line);
            if (inFinding && m.matches()) {
                values.put(m.group(1), m.group(2));
            } else {
                inFinding = false;
            }
        }
        return values;
    }

    // --- broken files --------------------------------------------------------------------------

    @Given("copies of the bundled vectors {string} and {string} in a scratch folder")
    public void copies(String a, String b) {
        world().intactCopies.add(copy(BundledVectors.file(a), a));
        world().intactCopies.add(copy(BundledVectors.file(b), b));
    }

    @Given("a vector {string} next to them, made from {string} with its text cut off in the middle")
    public void truncated(String name, String from) {
        String text = readString(BundledVectors.file(from));
        world().brokenFile = writeString(name, text.substring(0, text.length() / 2));
    }

    @Given("a vector {string} next to them, made from {string} with an unknown key {string} in the second transaction")
    public void unknownKey(String name, String from, String key) {
        JsonNode root = Json.read(BundledVectors.file(from));
        ((ObjectNode) root.path("blocks").path(0).path("transactions").path(1)).put(key, 1);
        world().brokenFile = world().scratch().resolve(name);
        Json.write(world().brokenFile, root);
    }

    @Given("a vector {string} next to them, made from {string} with the input of the second transaction {string}")
    public void badInput(String name, String from, String input) {
        JsonNode root = Json.read(BundledVectors.file(from));
        ((ObjectNode) root.path("blocks").path(0).path("transactions").path(1)).put("input", input);
        world().brokenFile = world().scratch().resolve(name);
        Json.write(world().brokenFile, root);
    }

    @When("I verify the scratch folder")
    public void verifyScratch() {
        world().last = Harness.run(List.of("verify", world().scratch().toString()));
    }

    @Then("stderr is exactly one line, naming the file {string} and the line and column")
    public void oneLineWithLineAndColumn(String name) {
        String line = CommonSteps.oneLine(name);
        assertTrue(Pattern.compile(Pattern.quote(name) + ":\\d+:\\d+: ").matcher(line).find(),
                "the stderr line gives no line:column after the file name" + world().last().describe());
    }

    @Then("stderr is exactly one line, naming the file {string} and the place {string}")
    public void oneLineWithPlace(String name, String place) {
        String line = CommonSteps.oneLine(name);
        assertTrue(line.contains(name + ": " + place + ": "), "the stderr line does not give the place '" + place + "'"
                + world().last().describe());
    }

    @Then("{string} and {string} are still reported as PASS")
    public void stillPass(String a, String b) {
        assertReported(world().last(), "PASS", world().scratch().resolve(a));
        assertReported(world().last(), "PASS", world().scratch().resolve(b));
    }

    @Then("the summary counts {int} vectors: {int} passed, {int} failed, {int} unreadable")
    public void summaryCounts(int total, int passed, int failed, int unreadable) {
        assertSummary(world().last(), total, passed, failed, unreadable);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A line "VERDICT  PATH  (...)" for the file, by absolute path or relative to the working directory. */
    private static void assertReported(CliRun run, String verdict, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        String shown = abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
        String prefix = verdict + "  " + shown + "  (";
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith(prefix)),
                "no line '" + prefix + "...' for " + file.getFileName() + run.describe());
    }

    private static void assertSummary(CliRun run, int total, int passed, int failed, int unreadable) {
        String expected = total + " vectors: " + passed + " passed, " + failed + " failed, " + unreadable + " unreadable";
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith(expected)),
                "no summary line '" + expected + "...'" + run.describe());
    }

    private Path copy(Path from, String name) {
        try {
            return Files.copy(from, world().scratch().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeString(String name, String text) {
        try {
            return Files.writeString(world().scratch().resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
