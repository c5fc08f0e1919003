package io.ecliptica.harness.exec;

/**
 * How every module is prepared before any engine sees it (docs/gas.md): checked against a feature
 * gate and instrumented for gas, stack height and NaN canonicalization, or passed through as is.
 * Preparation is deterministic and engine-independent, so it runs once per code hash.
 */
public interface ExecutionProfile {

    /** The profile id recorded in vectors, e.g. {@code ecliptica-v1} or {@code none}. */
    String id();

    /** Hash of the profile's cost table and limits; changing a cost changes it (vectors record it). */
    String costTableHash();

    /** Prepares a module; a module the profile refuses is a {@link Preparation.Rejected}, not an error. */
    Preparation prepare(byte[] wasm);

    /** What preparing a module gave. */
    sealed interface Preparation {
        /**
         * @param metered the module keeps its remaining gas in the exported global of docs/gas.md
         *     and imports the metering traps
         * @param hasStart the module's start function was turned into an export the host calls
         *     after setting the gas
         */
        record Ready(byte[] wasm, boolean metered, boolean hasStart) implements Preparation {
        }

        /**
         * The profile refuses the module. {@code errorClass} is the result class (docs/abi.md §4);
         * {@code message} is one deterministic line, the result's output.
         */
        record Rejected(String errorClass, String message) implements Preparation {
        }
    }
}
