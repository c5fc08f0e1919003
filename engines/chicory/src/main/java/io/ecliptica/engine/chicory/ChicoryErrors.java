package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import io.ecliptica.engine.EngineException;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;

/**
 * Maps what Chicory throws out of instantiation or a call onto the engine-neutral outcomes.
 *
 * <p>Chicory words its traps after the spec testsuite ({@code "integer divide by zero"},
 * {@code "out of bounds memory access"}, {@code "Trapped on unreachable instruction"},
 * {@code "call stack exhausted"}, ...) in both the interpreter and the compiler, so the kind
 * comes from {@link TrapKind#fromMessage}. The exception classes say whether it is a trap at all:
 * {@link TrapException}, {@link WasmRuntimeException} and {@link UninstantiableException} always
 * are; a plain {@link ChicoryException} only when its message names a trap (Chicory uses it for
 * "call stack exhausted" and "indirect call type mismatch"), otherwise it is an engine failure.
 */
final class ChicoryErrors {

    private ChicoryErrors() {
    }

    /**
     * The exception to throw for {@code t}. A host function's own exception ({@code hostFailure},
     * when {@code t} is it or was caused by it) is thrown here, as the very same object.
     */
    static RuntimeException translate(Throwable t, Throwable hostFailure) {
        if (hostFailure != null && causedBy(t, hostFailure)) {
            throw Values.sneakyThrow(hostFailure);
        }
        if (t instanceof EngineException e) {
            return e;
        }
        if (t instanceof ChicoryInterruptedException) {
            return new ExecutionInterruptedException("execution interrupted", t);
        }
        if (t instanceof StackOverflowError) {
            return new WasmTrapException(TrapKind.CALL_STACK_EXHAUSTED, "call stack exhausted", t);
        }
        if (t instanceof UnlinkableException) {
            return new LinkException(LinkException.Reason.UNKNOWN_IMPORT, message(t), t);
        }
        String message = message(t);
        TrapKind kind = TrapKind.fromMessage(message);
        if (kind == TrapKind.UNKNOWN && causedBy(t, StackOverflowError.class)) {
            kind = TrapKind.CALL_STACK_EXHAUSTED;
        }
        if (t instanceof TrapException || t instanceof WasmRuntimeException || t instanceof UninstantiableException
                || t instanceof WasmException) {
            // WasmException: a wasm exception (exception-handling proposal) nobody caught.
            return new WasmTrapException(kind, message, t);
        }
        if (t instanceof ChicoryException && kind != TrapKind.UNKNOWN) {
            return new WasmTrapException(kind, message, t);
        }
        // Anything else is the engine's fault, not the module's: an unexpected RuntimeException, or a
        // JVM error such as OutOfMemoryError (the interpreter keeps its frames on the heap, so a
        // runaway recursion on a very large thread stack can fill the heap before the stack).
        return new EngineFailureException("Chicory failed: " + t.getClass().getName() + ": " + message, t);
    }

    /** The exception's message, or its class name if it has none. */
    static String message(Throwable t) {
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName();
    }

    private static boolean causedBy(Throwable t, Throwable target) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 64; depth++, c = c.getCause()) {
            if (c == target) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 64; depth++, c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
