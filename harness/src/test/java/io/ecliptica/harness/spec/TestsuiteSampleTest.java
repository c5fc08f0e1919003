package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two files of the real WebAssembly 2.0 testsuite (beside the project, in ../shared) on the Chicory
 * interpreter: it passes every command of them that the runner does not skip.
 */
class TestsuiteSampleTest {

    static Path testsuite() {
        return Stream.of("../../shared/wasm-testsuite", "../shared/wasm-testsuite", "/work/shared/wasm-testsuite")
                .map(Path::of).filter(p -> Files.isRegularFile(p.resolve("i32.wast"))).findFirst().orElse(null);
    }

    @Test
    void i32AndBrTablePassOnTheChicoryInterpreter() throws Exception {
        Path suite = testsuite();
        Assumptions.assumeTrue(suite != null, "the wasm testsuite is not beside the project");
        SpecResult r = SpecRunnerTest.run(SpecRunner.DEFAULT_TIMEOUT,
                new SpecFile(suite.resolve("i32.wast"), "i32.wast"), new SpecFile(suite.resolve("br_table.wast"), "br_table.wast"));
        assertEquals(List.of(), r.failures(), "no failures");
        Tally i32 = r.files().get(0).tally(0);
        assertEquals(2, i32.skip(), "i32.wast: only its two (module quote) assertions are skipped");
        assertTrue(i32.pass() > 400, "i32.wast has more than 400 commands: " + i32);
        assertTrue(r.files().get(1).tally(0).pass() > 150, "br_table.wast: " + r.files().get(1).tally(0));
    }
}
