package io.ecliptica.harness.vector;

import io.ecliptica.engine.EngineDescriptor;
import java.util.List;
import java.util.SortedMap;

/**
 * The {@code _info} block of a filled vector: what filled it, from which inputs, under which
 * specifications. Deliberately free of timestamps and host names so a re-fill is byte-identical.
 */
public record Provenance(String harness, String abi, String stateRootScheme, String costTableHash, String filler,
                         String fillerHash,
                         SortedMap<String, String> sources, List<FilledBy> filledBy) {
    public Provenance {
        sources = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(sources));
        filledBy = List.copyOf(filledBy);
    }

    /** One engine that agreed on every result when the vector was filled. */
    public record FilledBy(String engine, String library, String version, String mode) {
        public static FilledBy of(EngineDescriptor d) {
            return new FilledBy(d.id(), d.library(), d.version(), d.mode());
        }
    }
}
