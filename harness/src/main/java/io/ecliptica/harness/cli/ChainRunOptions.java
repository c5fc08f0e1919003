package io.ecliptica.harness.cli;

import io.ecliptica.harness.state.StateStore;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a chain block by block ({@code gen-chain}, {@code replay}). */
final class ChainRunOptions {
    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a bar on a terminal, else a line every 5 s), bar, lines or none.")
    String progress;

    @Option(names = "--state-store", defaultValue = "memory", paramLabel = "STORE", description = StateStoreOption.DESCRIPTION)
    String stateStore;

    /**
     * Checks both options before anything is opened; returns the progress mode.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    ReplayProgress.Mode checked() {
        ReplayProgress.Mode mode;
        try {
            mode = ReplayProgress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--progress must be auto, bar, lines or none, not '" + progress + "'");
        }
        StateStoreOption.check(stateStore);
        return mode;
    }

    /** Opens the store {@code --state-store} names (see {@link StateStoreOption#open}). */
    StateStore openStore() throws IOException {
        return StateStoreOption.open(stateStore);
    }
}
