package io.ecliptica.instrument;

import java.util.Arrays;
import java.util.Objects;

/**
 * A module prepared under a profile.
 *
 * @param wasm the module every engine runs (the input itself for a pass-through profile)
 * @param metered whether the module was instrumented (then it imports {@link Instrumenter#HOST_MODULE}
 *     functions and exports {@link Instrumenter#GAS_GLOBAL}; see docs/gas.md §Host contract)
 * @param profileId the profile's id
 * @param costTableHash the profile's {@link Profile#costTableHash()}
 * @param hasStart whether the module exports {@link Instrumenter#START_EXPORT}, which the host
 *     calls after setting the gas and before the transaction's function
 */
public record Prepared(byte[] wasm, boolean metered, String profileId, String costTableHash, boolean hasStart) {
    public Prepared {
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(costTableHash, "costTableHash");
    }

    @Override
    public byte[] wasm() {
        return wasm.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prepared p && Arrays.equals(p.wasm, wasm) && p.metered == metered
                && p.profileId.equals(profileId) && p.costTableHash.equals(costTableHash) && p.hasStart == hasStart;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wasm) * 31 + Objects.hash(metered, profileId, costTableHash, hasStart);
    }

    @Override
    public String toString() {
        return "Prepared[" + wasm.length + " bytes, metered=" + metered + ", profile=" + profileId + ", hasStart="
                + hasStart + "]";
    }
}
