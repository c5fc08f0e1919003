package io.ecliptica.harness.spec;

import io.ecliptica.engine.ModuleInstance;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instances whose state the script expected a skipped command to change: a module importing their
 * memory, table or mutable global (its segments, its stores), or an action with v128 or reference
 * arguments (e.g. {@code (invoke "init" (ref.extern 0))} storing into a table). What they return
 * afterwards no longer means anything, and neither does what an instance calling them through its
 * imports returns, so later commands on either are skipped.
 */
final class Taint {
    private final Set<ModuleInstance> tainted = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The registered instances each instance calls through its imports. */
    private final Map<ModuleInstance, List<ModuleInstance>> dependencies = new IdentityHashMap<>();

    void taint(ModuleInstance instance) {
        tainted.add(instance);
    }

    void dependsOn(ModuleInstance instance, List<ModuleInstance> imported) {
        dependencies.put(instance, List.copyOf(imported));
    }

    /** Whether the instance, or an instance it reaches through its imports, is tainted. */
    boolean isTainted(ModuleInstance instance) {
        Set<ModuleInstance> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<ModuleInstance> todo = new ArrayDeque<>(List.of(instance));
        while (!todo.isEmpty()) {
            ModuleInstance i = todo.pop();
            if (tainted.contains(i)) {
                return true;
            }
            if (seen.add(i)) {
                todo.addAll(dependencies.getOrDefault(i, List.of()));
            }
        }
        return false;
    }

    void forget(ModuleInstance instance) {
        tainted.remove(instance);
        dependencies.remove(instance);
    }

    void clear() {
        tainted.clear();
        dependencies.clear();
    }
}
