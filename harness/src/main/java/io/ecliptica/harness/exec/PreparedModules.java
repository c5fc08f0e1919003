package io.ecliptica.harness.exec;

import io.ecliptica.harness.state.Bytes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prepared modules by code hash, shared by all engines of a run (preparing is engine-independent). */
public final class PreparedModules {
    private final ExecutionProfile profile;
    private final Map<Bytes, ExecutionProfile.Preparation> byHash = new ConcurrentHashMap<>();

    public PreparedModules(ExecutionProfile profile) {
        this.profile = profile;
    }

    public ExecutionProfile profile() {
        return profile;
    }

    public ExecutionProfile.Preparation get(Bytes codeHash, CodeStore code) {
        return byHash.computeIfAbsent(codeHash, h -> profile.prepare(code.code(h).orElseThrow(
                () -> new IllegalStateException("code " + h + " is committed in state but not in the code store"))));
    }
}
