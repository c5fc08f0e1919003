package io.ecliptica.harness.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * A script's module after the profile's {@link ModuleTransform}, prepared once and shared by every
 * engine: the bytes the engines compile (or why the profile refused them) and the imports read
 * from those bytes.
 *
 * @param bytes the module to compile; null if the profile refused it
 * @param refusal why the profile refused the module (empty if it did not)
 * @param imports the imports, empty if the bytes do not decode far enough to tell
 */
record PreparedModule(byte[] bytes, Optional<String> refusal, Optional<ModuleImports> imports, Key key) {

    /** Compiled-module cache key: the module bytes by content. */
    record Key(byte[] bytes, int hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    static PreparedModule of(byte[] original, ModuleTransform transform) {
        byte[] bytes;
        try {
            bytes = transform.apply(original);
        } catch (ModuleTransform.Rejected e) {
            return refused("profile rejected the module: " + e.getMessage());
        } catch (RuntimeException e) {
            return refused("profile transform failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (bytes == null) {
            return refused("profile transform returned no module");
        }
        return new PreparedModule(bytes, Optional.empty(), ModuleImports.read(bytes), Key.of(bytes));
    }

    private static PreparedModule refused(String why) {
        return new PreparedModule(null, Optional.of(why), Optional.empty(), null);
    }
}
