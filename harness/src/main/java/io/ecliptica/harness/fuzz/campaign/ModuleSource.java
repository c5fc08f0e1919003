package io.ecliptica.harness.fuzz.campaign;

/** Where generated modules come from: the seeded module generator (same seed, same module). */
@FunctionalInterface
public interface ModuleSource {
    GeneratedModuleRef generate(long moduleSeed);
}
