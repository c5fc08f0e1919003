package io.ecliptica.engine.graalwasm;

/**
 * What the host-function wrappers of one instance share with it: the memory view, the call now
 * running (for interrupt checks at host boundaries) and the first exception a host function threw
 * during that call.
 */
final class InstanceState {
    final InstanceMemory memory = new InstanceMemory();
    private volatile CallToken current;
    private RuntimeException hostFailure; // only touched by the thread running the call

    /**
     * Starts a call and returns what it suspends: non-null when a host function calls back into
     * this instance while an outer call of it waits there; {@link #end} puts that back.
     */
    Suspended begin(CallToken token) {
        Suspended outer = new Suspended(current, hostFailure);
        hostFailure = null;
        current = token;
        return outer;
    }

    void end(Suspended outer) {
        current = outer.token();
        hostFailure = outer.hostFailure();
    }

    /** The state of an outer call of this instance while a re-entrant call runs. */
    record Suspended(CallToken token, RuntimeException hostFailure) {
    }

    CallToken current() {
        return current;
    }

    void recordHostFailure(RuntimeException e) {
        if (hostFailure == null) {
            hostFailure = e;
        }
    }

    RuntimeException hostFailure() {
        return hostFailure;
    }

    /** Ends the call at a host boundary if an interrupt is pending (safepoints do not reach host code). */
    void checkInterrupt() {
        CallToken t = current;
        if (t != null && t.interruptRequested) {
            throw new Failures.InterruptedInHost();
        }
    }
}
