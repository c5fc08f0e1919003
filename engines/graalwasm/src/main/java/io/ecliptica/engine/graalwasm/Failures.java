package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;
import java.util.Locale;
import org.graalvm.polyglot.PolyglotException;

/**
 * Turns what GraalWasm throws out of {@code newInstance} / {@code execute} into the engine-neutral
 * outcomes.
 *
 * <p>GraalWasm's trap is an internal {@code WasmException} carrying a {@code Failure} enum, but the
 * polyglot API only shows it as a guest {@link PolyglotException} with a message, so traps are
 * classified by message. Most messages are the spec's ({@link TrapKind#fromMessage} handles them);
 * four are GraalWasm's own wording and are matched explicitly here (strings taken from
 * wasm-language 25.0.2: {@code WasmMemory}, {@code WasmFunctionNode}).
 */
final class Failures {
    private Failures() {
    }

    /** Thrown by a host-function wrapper when an interrupt arrived while host code ran. */
    static final class InterruptedInHost extends RuntimeException {
        InterruptedInHost() {
            super("interrupted while a host function ran", null, false, false);
        }
    }

    static TrapKind trapKind(String message) {
        if (message == null) {
            return TrapKind.UNKNOWN;
        }
        String m = message.toLowerCase(Locale.ROOT);
        // "4-byte memory access at address 0x... (65536) is out-of-bounds (memory size 65536 bytes)."
        if (m.contains("is out-of-bounds") && (m.contains("memory access") || m.contains("buffer access"))) {
            return TrapKind.OUT_OF_BOUNDS_MEMORY;
        }
        // memory.fill / memory.copy whose length wraps past 2^32: "memory access of negative length"
        // (found by the spec testsuite, memory_copy.wast and memory_fill.wast)
        if (m.contains("memory access of negative length")) {
            return TrapKind.OUT_OF_BOUNDS_MEMORY;
        }
        // call_indirect with an index past the table: "Element index '9' out of table bounds."
        if (m.contains("out of table bounds")) {
            return TrapKind.UNDEFINED_ELEMENT;
        }
        // call_indirect on a null slot: "Table element at index 2 is uninitialized."
        if (m.startsWith("table element at index") && m.contains("is uninitialized")) {
            return TrapKind.UNINITIALIZED_ELEMENT;
        }
        // "Actual (type 1 of function f) and expected (type 0 in module m) types differ in the indirect call."
        if (m.contains("types differ in the indirect call")) {
            return TrapKind.INDIRECT_CALL_TYPE_MISMATCH;
        }
        return TrapKind.fromMessage(message);
    }

    /**
     * The exception to throw for a failed instantiation or call.
     *
     * @param recordedHostFailure the first exception a host function of this call threw, or null
     * @throws Error a JVM error a host function threw, unchanged (it is not ours to translate)
     */
    static RuntimeException map(Throwable t, RuntimeException recordedHostFailure) {
        if (t instanceof StackOverflowError) {
            return trap(TrapKind.CALL_STACK_EXHAUSTED, "call stack exhausted (JVM stack overflow)", t);
        }
        if (!(t instanceof PolyglotException e)) {
            return new EngineFailureException("GraalWasm failed: " + t, t);
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            if (host instanceof InterruptedInHost) {
                return new ExecutionInterruptedException("interrupted (at a host-function boundary)", e);
            }
            if (host instanceof RuntimeException r) {
                return r; // the very object the host function threw
            }
            if (host instanceof StackOverflowError) {
                return trap(TrapKind.CALL_STACK_EXHAUSTED, "call stack exhausted (in a host function)", host);
            }
            if (host instanceof Error err) {
                throw err;
            }
            return new EngineFailureException("host function threw a checked exception: " + host, host);
        }
        if (recordedHostFailure != null) {
            // Defensive: should GraalWasm ever re-wrap a host exception, the host still gets its own back.
            return recordedHostFailure;
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return new ExecutionInterruptedException("interrupted: " + e.getMessage(), e);
        }
        if (e.isInternalError()) {
            return new EngineFailureException("GraalWasm internal error: " + e.getMessage(), e);
        }
        if (e.isResourceExhausted()) {
            TrapKind kind = trapKind(e.getMessage());
            if (kind == TrapKind.CALL_STACK_EXHAUSTED) {
                return trap(kind, e.getMessage(), e);
            }
            return new EngineFailureException("GraalWasm ran out of a resource: " + e.getMessage(), e);
        }
        if (e.isGuestException()) {
            return trap(trapKind(e.getMessage()), e.getMessage(), e);
        }
        return new EngineFailureException("GraalWasm failed: " + e.getMessage(), e);
    }

    private static WasmTrapException trap(TrapKind kind, String message, Throwable cause) {
        return new WasmTrapException(kind, message, cause);
    }
}
