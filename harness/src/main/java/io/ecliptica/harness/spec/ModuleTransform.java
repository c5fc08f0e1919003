package io.ecliptica.harness.spec;

/**
 * A rewrite applied to every module of a script before any engine sees it (a profile: e.g. the
 * deterministic instrumenter with unlimited gas). Applied once per module and shared by all
 * engines, so every engine runs exactly the same bytes.
 *
 * <p>Throwing {@link Rejected} means the profile refuses the module: the runner counts it as a
 * rejection on every engine (a pass for {@code assert_invalid}/{@code assert_malformed}, a failure
 * for a module the script expects to load). Any other exception is a bug in the transform and is
 * reported as an engine-independent failure of that module.
 */
@FunctionalInterface
public interface ModuleTransform {

    /** The raw modules, unchanged: profile {@code none}. */
    ModuleTransform NONE = bytes -> bytes;

    byte[] apply(byte[] module);

    /** The transform refuses a module (it does not decode or validate). */
    final class Rejected extends RuntimeException {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
