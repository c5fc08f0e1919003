package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.harness.cli.ExitCode;
import io.ecliptica.harness.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harness spec} end to end, in-process, on one engine. */
class SpecCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws Exception {
        return Path.of(SpecCommandTest.class.getResource("/spec/" + name).toURI()).toString();
    }

    @Test
    void badPathsAndOptionsAreUsageErrors() throws Exception {
        assertEquals(ExitCode.BAD_INPUT, run("spec", "/no/such/dir"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file or directory"));
        assertEquals(ExitCode.BAD_INPUT, run("spec", "--profile", "gas", resource("commands.wast")));
        assertEquals(ExitCode.BAD_INPUT, run("spec", "--engines", "nope", resource("commands.wast")));
        assertEquals(ExitCode.BAD_INPUT, run("spec", "--timeout", "0", resource("commands.wast")));
    }

    @Test
    void directoryWithoutScriptsIsAUsageError(@TempDir Path dir) {
        assertEquals(ExitCode.BAD_INPUT, run("spec", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no .wast files"));
    }

    @Test
    void jsonAndReportHoldTheFullResult(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("sub/spec.json");
        int exit = run("spec", "--engines", "chicory-interpreter", "--json", "--strict", "--no-progress",
                "--report", report.toString(), resource("shared-state.wast"), resource("commands.wast"));
        assertEquals(ExitCode.OK, exit, "one engine cannot diverge, so --strict passes");
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(json, Files.readString(report), "--report writes the same JSON");
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals("none", root.path("profile").asText());
        assertEquals(2, root.path("summary").path("files").asInt());
        assertEquals(30, root.path("totals").path("chicory-interpreter").path("pass").asInt());
        assertEquals(0, root.path("totals").path("chicory-interpreter").path("fail").asInt());
        assertEquals(11, root.path("totals").path("chicory-interpreter").path("skip").asInt());
        assertEquals("shared-state.wast", root.path("files").get(0).path("file").asText(), "files in the order given");
        assertTrue(root.path("skipReasons").size() > 0);
    }

    @Test
    void everyInstrumentingProfileOfTheHarnessIsAccepted() throws Exception {
        int exit = run("spec", "--engines", "chicory-interpreter", "--profile", "ecliptica-v1", "--json", "--no-progress",
                resource("metered.wast"));
        assertEquals(ExitCode.OK, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("ecliptica-v1", root.path("profile").asText());
        assertEquals(29, root.path("totals").path("chicory-interpreter").path("pass").asInt());
        assertEquals(1, root.path("totals").path("chicory-interpreter").path("fail").asInt());
        assertEquals(4, root.path("totals").path("chicory-interpreter").path("skip").asInt());
        out.reset();
        assertEquals(ExitCode.OK, run("spec", "--engines", "chicory-interpreter", "--profile", "cosmwasm-gatekeeper",
                "--no-progress", resource("metered.wast")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("profile cosmwasm-gatekeeper"));
        assertEquals(ExitCode.BAD_INPUT, run("spec", "--profile", "ecliptica-v1-nogas", resource("metered.wast")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("known: ecliptica-v1, none, cosmwasm-gatekeeper"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textReportHasTheMatrixAndTheFailures() throws Exception {
        int exit = run("spec", "--engines", "chicory-interpreter", "--timeout", "1", resource("failures.wast"));
        assertEquals(ExitCode.OK, exit, "failures are reported, not gated");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("failures.wast"), text);
        assertTrue(text.contains("2/6/0"), text);
        assertTrue(text.contains("timeout (over 1 s)"), text);
        assertTrue(text.contains("Divergences: none"), text);
    }
}
