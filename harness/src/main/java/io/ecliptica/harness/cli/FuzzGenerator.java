package io.ecliptica.harness.cli;

import io.ecliptica.harness.fuzz.campaign.ModuleSource;
import io.ecliptica.harness.fuzz.reduce.ModuleShrinker;
import java.util.Optional;

/** The module generator and reducer the campaign uses (none until the generator lands). */
final class FuzzGenerator {
    private FuzzGenerator() {
    }

    static Optional<ModuleSource> source() {
        return Optional.empty();
    }

    static Optional<ModuleShrinker> shrinker() {
        return Optional.empty();
    }
}
