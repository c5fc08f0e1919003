package io.ecliptica.harness.vector;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A contract in a vector's pre-state: name (for readability), address, code and initial storage.
 * {@code source} is the path of its main source file relative to the vector file, for provenance.
 */
public record ContractSpec(String name, Bytes address, Bytes code, Bytes codeHash, String source,
                           SortedMap<Bytes, Bytes> storage) {
    public ContractSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(address);
        Objects.requireNonNull(code);
        Objects.requireNonNull(codeHash);
        source = source == null ? "" : source;
        storage = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(storage));
    }
}
