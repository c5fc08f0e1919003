package io.ecliptica.harness.spec;

import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.WasmValue;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The instances with a call in progress on the worker thread: the called one, plus those entered
 * through forwarded imports. The guard interrupts all of them, because a runaway loop may sit in
 * an instance reached through an import, and interrupting an idle instance is avoided (some
 * adapters keep an early interrupt for the next call).
 *
 * <p>It also remembers every instance entered since the last {@link #drainEntered()}: after a
 * trap, each metered one among them gets its stack-height global reset ({@link ScriptExecution}).
 */
final class ActiveCalls {
    private final ConcurrentLinkedDeque<ModuleInstance> running = new ConcurrentLinkedDeque<>();
    /** Touched on the worker thread only. */
    private final Set<ModuleInstance> entered = Collections.newSetFromMap(new IdentityHashMap<>());

    WasmValue[] call(ModuleInstance instance, String export, WasmValue[] args) {
        entered.add(instance);
        running.push(instance);
        try {
            return instance.call(export, args);
        } finally {
            running.removeFirstOccurrence(instance);
        }
    }

    /** The instances entered since the last drain, in no particular order; forgets them. */
    Set<ModuleInstance> drainEntered() {
        Set<ModuleInstance> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(entered);
        entered.clear();
        return out;
    }

    void interruptAll() {
        for (ModuleInstance i : running) {
            try {
                i.interrupt();
            } catch (RuntimeException ignored) {
                // the call may have ended meanwhile; the guard has nothing better to do
            }
        }
    }
}
