package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.harness.vector.Vector;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One case: a deterministic function of (campaign seed, case index). {@code vector} is a filler
 * with one contract and one or more blocks of calls on it; {@code origin} says where the module
 * came from ({@code contract counter:counter} or {@code generated seed N}); {@code module} is the
 * generated module, if it is one (the minimizer reduces it).
 */
public record FuzzCase(long seed, long index, String origin, Vector vector, SortedSet<String> opcodes,
                       Optional<GeneratedModuleRef> module) {
    public FuzzCase {
        opcodes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(opcodes));
    }

    /** This case with other blocks or another module (for the minimizer). */
    public FuzzCase withVector(Vector v, Optional<GeneratedModuleRef> m) {
        return new FuzzCase(seed, index, origin, v, opcodes, m);
    }
}
