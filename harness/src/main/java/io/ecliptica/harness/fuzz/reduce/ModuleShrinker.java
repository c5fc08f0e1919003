package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.harness.fuzz.campaign.GeneratedModuleRef;
import java.util.function.Predicate;

/** Shrinks a generated module while {@code stillInteresting} holds (the module reducer, behind one method). */
@FunctionalInterface
public interface ModuleShrinker {
    GeneratedModuleRef shrink(GeneratedModuleRef module, Predicate<GeneratedModuleRef> stillInteresting, int maxTests);
}
