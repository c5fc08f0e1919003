package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one scenario, shared by the step classes (Cucumber creates new step objects for
 * every scenario; {@link Hooks} gives each scenario a fresh World and removes its scratch folder).
 */
final class World {
    private static World current = new World();

    /** The last harness invocation. */
    CliRun last;
    private Path scratch;

    // verify.feature: the copied vector, which field was tampered, and its values
    Path copy;
    String tamperedField;
    String originalValue;
    String tamperedValue;
    int tamperedBlock = -1;
    int tamperedTx = -1;
    long tamperedHeight = -1;
    Path brokenFile;
    final List<Path> intactCopies = new ArrayList<>();

    // run.feature
    Path module;

    // abi.feature
    AbiFiller filler;
    JsonNode fixture;
    // replay.feature
    CliRun firstReplay;
    String replayReport;
    /** The same replay's {@code --json} report. */
    String replayJson;
    /** Where the last command was asked to write its JSON report. */
    Path reportFile;
    StorageWriteTamperer tamperer;
    int differingCall;

    static World get() {
        return current;
    }

    static void reset() {
        current = new World();
    }

    CliRun last() {
        assertNotNull(last, "no harness command has run in this scenario yet");
        return last;
    }

    /** This scenario's own temporary folder, outside the repository. */
    Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("ecliptica-acceptance-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scratch;
    }

    Path scratchIfCreated() {
        return scratch;
    }
}
