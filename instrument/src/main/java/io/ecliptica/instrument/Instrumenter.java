package io.ecliptica.instrument;

import java.util.Objects;

/**
 * Prepares a module for execution under a {@link Profile}: decode, validate, apply the feature
 * gate and limits, then (for instrumenting profiles) inject gas metering, the stack-height limit
 * and NaN canonicalization and re-encode. Applied once per module, before any engine sees it, so
 * every engine runs the same bytes. Deterministic: the same input and profile give the same bytes.
 * Thread-safe (no shared state).
 *
 * <p>The host contract of a prepared, metered module (docs/gas.md §Host contract):
 * <ul>
 *   <li>it exports the mutable i64 global {@value #GAS_GLOBAL}, the remaining gas; the host writes
 *       the gas limit into it after instantiation and reads it back after the call (also after a
 *       trap): {@code gasUsed = limit - remaining}, or {@code limit} when the call ran out of gas;</li>
 *   <li>it exports the mutable i32 global {@value #STACK_GLOBAL}, the stack height (0 between calls);</li>
 *   <li>it imports {@code "__ecliptica" "out_of_gas" () -> ()} and
 *       {@code "__ecliptica" "stack_exhausted" () -> ()}; each must throw (trap classes
 *       {@code out_of_gas} and {@code call_stack_exhausted});</li>
 *   <li>it has no start section; if the input had one, its start function is exported as
 *       {@value #START_EXPORT} and the host calls it after setting the gas, before the
 *       transaction's function ({@link Prepared#hasStart()}).</li>
 * </ul>
 */
public final class Instrumenter {

    /** Import module of the functions the instrumentation calls. */
    public static final String HOST_MODULE = "__ecliptica";
    /** Called when a charge exceeds the remaining gas; the host throws (trap class {@code out_of_gas}). */
    public static final String OUT_OF_GAS = "out_of_gas";
    /** Called when a call would exceed the stack-height limit; the host throws (trap class {@code call_stack_exhausted}). */
    public static final String STACK_EXHAUSTED = "stack_exhausted";
    /** The exported mutable i64 global holding the remaining gas. */
    public static final String GAS_GLOBAL = "__ecliptica_gas";
    /**
     * The exported mutable i32 global holding the current stack height in slots. It is 0 between
     * calls; a trap leaves it where it was. A host that calls into an instance again after a trap
     * (the harness does not: every transaction gets a fresh instance) sets it back to 0 first.
     */
    public static final String STACK_GLOBAL = "__ecliptica_stack";
    /** The export name of the input's start function. */
    public static final String START_EXPORT = "__ecliptica_start";

    /** Exported {@code (i64) -> ()}: sets the remaining gas ({@value #GAS_GLOBAL}). */
    public static final String GAS_SET_EXPORT = "__ecliptica_gas_set";

    /** Exported {@code () -> i64}: the remaining gas. */
    public static final String GAS_LEFT_EXPORT = "__ecliptica_gas_left";

    /** Exported {@code () -> ()}: sets the stack height ({@value #STACK_GLOBAL}) to 0, for reuse after a trap. */
    public static final String STACK_RESET_EXPORT = "__ecliptica_stack_reset";

    /** The canonical f32 NaN (positive, quiet, no payload). */
    public static final int CANONICAL_NAN_F32 = 0x7fc00000;
    /** The canonical f64 NaN (positive, quiet, no payload). */
    public static final long CANONICAL_NAN_F64 = 0x7ff8000000000000L;

    private Instrumenter() {}

    /**
     * Prepares {@code wasm} under {@code profile}.
     *
     * @throws ModuleRejectedException the module is malformed, invalid, or not accepted by the profile
     */
    public static Prepared prepare(byte[] wasm, Profile profile) {
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(profile, "profile");
        String hash = profile.costTableHash();
        if (profile.passThrough()) {
            return new Prepared(wasm.clone(), false, profile.id(), hash, false);
        }
        WasmModule m = Decoder.decode(wasm);
        Validator.Analysis analysis = Validator.validate(m);
        Gate.check(m, profile);
        WasmModule t = Transformer.transform(m, analysis, profile);
        return new Prepared(Encoder.encode(t), true, profile.id(), hash, m.start >= 0);
    }

    /**
     * Decodes, validates and re-encodes {@code wasm} without instrumenting it (for benchmarks and
     * tests: the baseline that differs from the input only in its encoding).
     *
     * @throws ModuleRejectedException the module is malformed or invalid
     */
    public static byte[] reencode(byte[] wasm) {
        WasmModule m = Decoder.decode(wasm);
        Validator.validate(m);
        return Encoder.encode(m);
    }

    /**
     * The frame cost of every defined function of {@code wasm} under {@code profile}, in slots
     * (docs/gas.md §Stack height), indexed by defined-function position (imports not counted).
     */
    public static long[] frameCosts(byte[] wasm, Profile profile) {
        WasmModule m = Decoder.decode(wasm);
        Validator.Analysis a = Validator.validate(m);
        long[] out = new long[m.codes.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = Transformer.frameCost(m, a, profile, f);
        }
        return out;
    }
}
