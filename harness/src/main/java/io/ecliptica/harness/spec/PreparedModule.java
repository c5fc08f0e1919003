package io.ecliptica.harness.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * A script's module after the profile's {@link ModuleTransform}, prepared once and shared by every
 * engine: the bytes the engines compile (or why the profile refused or skipped them), the imports
 * read from those bytes, and what the host owes a metered module.
 *
 * @param bytes the module to compile; null if the profile refused or skipped it
 * @param refusal why the profile refused the module as malformed or invalid (empty if it did not)
 * @param skip why the module is out of the profile's scope: a feature the profile leaves out
 *     (empty if it is not); the module and the commands using it are skipped
 * @param imports the imports, empty if the bytes do not decode far enough to tell; for a skipped
 *     module, those of the original bytes (a skipped module still taints what it imports)
 * @param metered the module follows the metering contract (docs/gas.md §2)
 * @param hasStart the module exports its start function as {@code __ecliptica_start}
 */
record PreparedModule(byte[] bytes, Optional<String> refusal, Optional<String> skip, Optional<ModuleImports> imports,
                      Key key, boolean metered, boolean hasStart) {

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
        ModuleTransform.Transformed t;
        try {
            t = transform.transform(original);
        } catch (ModuleTransform.Rejected e) {
            return refused("profile rejected the module: " + e.getMessage());
        } catch (ModuleTransform.Unsupported e) {
            return new PreparedModule(null, Optional.empty(), Optional.of(e.getMessage()), ModuleImports.read(original),
                    null, false, false);
        } catch (RuntimeException e) {
            return refused("profile transform failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (t == null || t.bytes() == null) {
            return refused("profile transform returned no module");
        }
        byte[] bytes = t.bytes();
        return new PreparedModule(bytes, Optional.empty(), Optional.empty(), ModuleImports.read(bytes), Key.of(bytes),
                t.metered(), t.hasStart());
    }

    private static PreparedModule refused(String why) {
        return new PreparedModule(null, Optional.of(why), Optional.empty(), Optional.empty(), null, false, false);
    }
}
