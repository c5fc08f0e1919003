package io.ecliptica.harness.spec;

import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.instrument.Features;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.instrument.Limits;
import io.ecliptica.instrument.ModuleRejectedException;
import io.ecliptica.instrument.Prepared;
import io.ecliptica.instrument.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic execution profile (docs/gas.md) as the spec runner applies it: the profile's
 * instrumentation (gas metering, stack-height limit, NaN canonicalization, feature gate), adapted
 * to the testsuite in three ways, none of which changes what a module computes:
 *
 * <ul>
 *   <li><b>any imports</b>: the suite's modules import {@code spectest} and each other, not the
 *       host ABI;</li>
 *   <li><b>the WebAssembly spec's own static limits</b> instead of the platform's
 *       ({@link #specLimits}): the platform caps memory at 1,024 pages, which changes
 *       {@code memory.grow} results by design, and its counts (functions, locals, exports,
 *       parameters...) would refuse some of the suite's modules for reasons that have nothing to do
 *       with their semantics. Whether a memory is required stays the profile's rule (a gate rule,
 *       not a size);</li>
 *   <li><b>unlimited gas</b>: the runner sets the remaining gas to its largest value right after
 *       instantiation ({@link ScriptExecution#UNLIMITED_GAS}).</li>
 * </ul>
 *
 * Gas metering, the stack-height limit and NaN canonicalization stay as the profile has them: they
 * are what must not change a result (the stack limit turns unbounded recursion into
 * {@code call_stack_exhausted}, which is what {@code assert_exhaustion} expects).
 *
 * <p>A malformed or invalid verdict of the instrumenter is a rejection ({@link Rejected}); any other
 * verdict (a feature or rule the profile leaves out: SIMD, reference types, several memories, ...)
 * puts the module out of the profile's scope ({@link Unsupported}: skipped, not failed).
 */
public final class InstrumentingTransform implements ModuleTransform {
    private final Profile profile;
    private final String id;

    /** @param profile an instrumenting profile (not a pass-through one), used with {@link #forSpec} */
    public InstrumentingTransform(Profile profile) {
        if (profile.passThrough()) {
            throw new IllegalArgumentException("profile " + profile.id() + " does not instrument");
        }
        this.profile = forSpec(profile);
        this.id = profile.id();
    }

    /**
     * The transform of every profile id the harness knows ({@link Profiles#ids()}), in that order:
     * {@link ModuleTransform#NONE} for a pass-through profile ({@code none}), an
     * {@code InstrumentingTransform} for the others.
     */
    public static Map<String, ModuleTransform> byProfileId() {
        Map<String, ModuleTransform> out = new LinkedHashMap<>();
        for (String id : Profiles.ids()) {
            Profile p = Profile.byId(id);
            out.put(id, p.passThrough() ? ModuleTransform.NONE : new InstrumentingTransform(p));
        }
        return out;
    }

    /** {@code p} as the spec run uses it: any imports, the spec's limits, the rest unchanged. */
    public static Profile forSpec(Profile p) {
        return p.withAnyImports().withLimits(specLimits(p.limits()));
    }

    /**
     * The WebAssembly spec's own limits: memory up to 65,536 pages (4 GiB, the most a 32-bit memory
     * can have; a memory without a maximum gets this one, which is what "no maximum" means), tables
     * up to 2^32 - 1 elements, no bound on counts (the spec has none beyond what the binary format's
     * u32 counts can express). {@code memoryRequired} is kept from {@code base}.
     */
    public static Limits specLimits(Limits base) {
        long u32 = 0xFFFF_FFFFL;
        long none = Long.MAX_VALUE;
        return new Limits(65_536, base.memoryRequired(), u32, none, none, none, none, none, none, none, none);
    }

    /** The profile as applied (after {@link #forSpec}). */
    public Profile profile() {
        return profile;
    }

    /** The id of the profile given (reports use it). */
    public String id() {
        return id;
    }

    @Override
    public boolean limitsStack() {
        return profile.limitStack();
    }

    @Override
    public byte[] apply(byte[] module) {
        return transform(module).bytes();
    }

    @Override
    public Transformed transform(byte[] module) {
        Prepared p;
        try {
            p = Instrumenter.prepare(module, profile);
        } catch (ModuleRejectedException e) {
            String feature = Objects.requireNonNullElse(e.feature(), "");
            if (feature.equals(Features.MALFORMED) || feature.equals(Features.INVALID)) {
                throw new Rejected(e.getMessage(), e);
            }
            throw new Unsupported(feature, "profile " + id + " rejects feature " + feature, e);
        }
        return new Transformed(p.wasm(), p.metered(), p.hasStart());
    }
}
