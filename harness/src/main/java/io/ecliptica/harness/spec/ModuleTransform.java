package io.ecliptica.harness.spec;

/**
 * A rewrite applied to every module of a script before any engine sees it (a profile: e.g. the
 * deterministic instrumenter with unlimited gas, {@link InstrumentingTransform}). Applied once per
 * module and shared by all engines, so every engine runs exactly the same bytes.
 *
 * <p>Throwing {@link Rejected} means the profile refuses the module as not WebAssembly (it does not
 * decode or validate): the runner counts it as a rejection on every engine (a pass for
 * {@code assert_invalid}/{@code assert_malformed}, a failure for a module the script expects to
 * load). Throwing {@link Unsupported} means the module is WebAssembly the profile does not accept
 * (a feature it leaves out, such as SIMD): the module and every command using it are skipped.
 * Any other exception is a bug in the transform and is reported as an engine-independent failure
 * of that module.
 */
@FunctionalInterface
public interface ModuleTransform {

    /** The raw modules, unchanged: profile {@code none}. */
    ModuleTransform NONE = bytes -> bytes;

    /** The bytes the engines get. */
    byte[] apply(byte[] module);

    /**
     * The module as the engines get it, with what the host must do for it. The default is an
     * unmetered module: {@link #apply} and nothing more.
     */
    default Transformed transform(byte[] module) {
        return new Transformed(apply(module), false, false);
    }

    /**
     * Whether the transform bounds recursion itself with a deterministic stack-height limit (an
     * instrumenting profile): then the engines' worker threads need a stack deep enough for that
     * limit, not the engine's own, to end every unbounded recursion ({@link SpecRunner}).
     */
    default boolean limitsStack() {
        return false;
    }

    /**
     * A transformed module.
     *
     * @param bytes what the engines compile
     * @param metered the module follows the metering contract (docs/gas.md §2): it imports the
     *     {@code __ecliptica} functions, its gas must be set after instantiation, and its stack
     *     height reset after a trap
     * @param hasStart the input's start function is exported as {@code __ecliptica_start}, for
     *     the host to call right after setting the gas
     */
    record Transformed(byte[] bytes, boolean metered, boolean hasStart) {}

    /** The transform refuses a module because it is not WebAssembly (it does not decode or validate). */
    final class Rejected extends RuntimeException {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The profile does not accept a valid (or at least decodable) module because of a feature it
     * leaves out on purpose: the module is out of the profile's scope, so it is skipped, not failed.
     */
    final class Unsupported extends RuntimeException {
        private final String feature;

        /** @param reason the skip reason shown in reports, e.g. "profile ecliptica-v1 rejects feature simd" */
        public Unsupported(String feature, String reason, Throwable cause) {
            super(reason, cause);
            this.feature = feature;
        }

        public String feature() {
            return feature;
        }
    }
}
