package io.ecliptica.harness.spec;

import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.WasmValue;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The instances with a call in progress on the worker thread: the called one, plus those entered
 * through forwarded imports. The guard interrupts all of them, because a runaway loop may sit in
 * an instance reached through an import, and interrupting an idle instance is avoided (some
 * adapters keep an early interrupt for the next call).
 */
final class ActiveCalls {
    private final ConcurrentLinkedDeque<ModuleInstance> running = new ConcurrentLinkedDeque<>();

    WasmValue[] call(ModuleInstance instance, String export, WasmValue[] args) {
        running.push(instance);
        try {
            return instance.call(export, args);
        } finally {
            running.removeFirstOccurrence(instance);
        }
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
