package io.ecliptica.acceptance;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.nio.file.Path;

public class Hooks {
    @Before(order = 0)
    public void freshWorld() {
        World.reset();
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
