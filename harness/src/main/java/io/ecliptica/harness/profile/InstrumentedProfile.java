package io.ecliptica.harness.profile;

import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.instrument.Features;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.instrument.ModuleRejectedException;
import io.ecliptica.instrument.Prepared;
import io.ecliptica.instrument.Profile;

/** An execution profile implemented by the wasm-to-wasm instrumenter (module instrument). */
final class InstrumentedProfile implements ExecutionProfile {
    private final Profile profile;

    InstrumentedProfile(Profile profile) {
        this.profile = profile;
    }

    @Override
    public String id() {
        return profile.id();
    }

    @Override
    public String costTableHash() {
        return profile.costTableHash();
    }

    @Override
    public Preparation prepare(byte[] wasm) {
        try {
            Prepared p = Instrumenter.prepare(wasm, profile);
            return new Preparation.Ready(p.wasm(), p.metered(), p.hasStart());
        } catch (ModuleRejectedException e) {
            return new Preparation.Rejected(errorClass(e.feature()), e.getMessage());
        }
    }

    /** docs/abi.md §4: a module that is not valid WebAssembly is invalid whoever finds out. */
    static String errorClass(String feature) {
        return switch (feature) {
            case Features.MALFORMED, Features.INVALID -> "invalid_module";
            case Features.IMPORT, Features.WASI -> "link_error";
            default -> "rejected_by_profile";
        };
    }
}
