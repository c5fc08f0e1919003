package io.ecliptica.acceptance;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

public class Hooks {
    /** Set {@code -Dacceptance.known-bugs=run} to run the scenarios tagged {@code @known-bug} too. */
    static final String RUN_KNOWN_BUGS = "acceptance.known-bugs";

    @Before(order = 0)
    public void freshWorld() {
        World.reset();
    }

    /**
     * Scenarios tagged {@code @known-bug} describe behaviour the CLI does not have yet (reported to the
     * lead). They are skipped with the reason, so Surefire and Allure show them as skipped rather
     * than hiding them, and they run as soon as the property says so.
     */
    @Before(value = "@known-bug", order = 1)
    public void skipKnownBug(Scenario scenario) {
        Assumptions.assumeTrue("run".equals(System.getProperty(RUN_KNOWN_BUGS)),
                "known bug, skipped: '" + scenario.getName() + "' fails today (see the comment above it in "
                        + scenario.getUri() + "); run with -D" + RUN_KNOWN_BUGS + "=run to check a fix");
    }

    @After
    public void cleanUp(Scenario scenario) {
        Path scratch = World.get().scratchIfCreated();
        if (scratch == null) {
            return;
        }
        if (scenario.isFailed()) {
            System.err.println("[acceptance] scenario '" + scenario.getName() + "' failed; its files are kept in " + scratch);
        } else {
            Repo.deleteTree(scratch);
        }
    }

    @AfterAll
    public static void timingSummary() {
        System.out.println(Harness.timingSummary());
        BundledVectors.cleanUp();
    }
}
