package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.harness.fuzz.campaign.ExportedFunction;
import io.ecliptica.harness.fuzz.campaign.GeneratedModuleRef;
import io.ecliptica.harness.fuzz.campaign.ModuleSource;
import io.ecliptica.harness.fuzz.gen.GeneratedModule;
import io.ecliptica.harness.fuzz.gen.GeneratorConfig;
import io.ecliptica.harness.fuzz.gen.ModuleGenerator;

/**
 * The campaign's view of the module generator and the module reducer: a case's module is
 * {@code ModuleGenerator.generate(moduleSeed, GeneratorConfig.DEFAULT)}, and the minimizer reduces
 * it with {@link ModuleReducer}.
 */
public final class GeneratorBinding {
    private GeneratorBinding() {
    }

    public static ModuleSource source() {
        return seed -> ref(seed, ModuleGenerator.generate(seed, GeneratorConfig.DEFAULT));
    }

    public static ModuleShrinker shrinker() {
        return (module, stillInteresting, maxTests) -> ref(module.moduleSeed(), ModuleReducer.reduce(
                (GeneratedModule) module.handle(), m -> stillInteresting.test(ref(module.moduleSeed(), m)), maxTests));
    }

    private static GeneratedModuleRef ref(long seed, GeneratedModule m) {
        return new GeneratedModuleRef(seed, m.wasm(),
                m.exports().stream().map(e -> new ExportedFunction(e.name(), e.params(), e.results())).toList(),
                m.opcodes(), m::toWat, m);
    }
}
