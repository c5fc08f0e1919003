package io.ecliptica.engine.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Provider registration and the descriptor, including which Truffle runtime is really in effect. */
class GraalWasmRuntimeModeTest {

    @Test
    void providerIsRegisteredUnderItsId() throws Exception {
        WasmEngineProvider provider = ServiceLoader.load(WasmEngineProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("graalwasm"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("graalwasm provider not registered"));
        try (WasmEngine engine = provider.create()) {
            assertEquals("graalwasm", engine.descriptor().id());
        }
    }

    @Test
    void versionIsTheOneMavenResolved() throws Exception {
        try (WasmEngine engine = new GraalWasmProvider().create()) {
            EngineDescriptor d = engine.descriptor();
            assertEquals("GraalWasm", d.library());
            // The pom pins graalvm.version to 25.0.2 (parent pom); the descriptor reads the jar manifest.
            assertEquals("25.0.2", d.version());
        }
    }

    /**
     * Surefire runs this class twice (see the pom): with JVMCI and the Graal compiler on the upgrade
     * module path, and on a plain JVM. The descriptor must name the runtime each JVM really has.
     */
    @Test
    void modeNamesTheRuntimeActuallyInEffect() throws Exception {
        String expected = System.getProperty("ecliptica.graalwasm.expectedRuntime");
        assumeTrue(expected != null, "only meaningful when the build says which runtime it set up");
        try (WasmEngine engine = new GraalWasmProvider().create()) {
            String mode = engine.descriptor().mode();
            if (expected.equals("optimizing")) {
                assertTrue(mode.startsWith(RuntimeMode.OPTIMIZING_PREFIX), mode);
            } else {
                assertEquals(RuntimeMode.FALLBACK, mode);
            }
        }
    }
}
