package io.ecliptica.harness.exec;

import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.Bytes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Contract code by code hash; the world state commits to the hash only. Immutable. */
public final class CodeStore {
    private final Map<Bytes, byte[]> byHash;

    private CodeStore(Map<Bytes, byte[]> byHash) {
        this.byHash = byHash;
    }

    public static CodeStore empty() {
        return new CodeStore(Map.of());
    }

    /** A store with {@code code} added; returns the new store (this one is unchanged). */
    public CodeStore with(byte[] code) {
        TreeMap<Bytes, byte[]> copy = new TreeMap<>(byHash);
        copy.put(StateRootScheme.codeHash(code), code.clone());
        return new CodeStore(Map.copyOf(copy));
    }

    public Optional<byte[]> code(Bytes codeHash) {
        byte[] code = byHash.get(codeHash);
        return code == null ? Optional.empty() : Optional.of(code.clone());
    }
}
