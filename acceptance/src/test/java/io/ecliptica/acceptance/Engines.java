package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The engines usable on this machine, as {@code harness engines --json} lists them (asked once per
 * run). "Every engine" in the scenarios means this list; engines.feature pins what it must contain.
 */
final class Engines {
    private static List<String> usable;

    private Engines() {
    }

    static synchronized List<String> usable() {
        if (usable == null) {
            CliRun run = Harness.run(List.of("engines", "--json"));
            assertEquals(0, run.exitCode(), "harness engines --json failed" + run.describe());
            JsonNode root = Json.parse(run.stdout(), run);
            List<String> ids = new ArrayList<>();
            for (JsonNode e : root.path("engines")) {
                // The engines a run uses when none are named (variants such as wasmtime-nancanon are not).
                if (e.path("usable").asBoolean(false) && e.path("default").asBoolean(false)) {
                    ids.add(e.path("id").asText());
                }
            }
            assertFalse(ids.isEmpty(), "no usable engine listed" + run.describe());
            usable = List.copyOf(ids);
        }
        return usable;
    }
}
