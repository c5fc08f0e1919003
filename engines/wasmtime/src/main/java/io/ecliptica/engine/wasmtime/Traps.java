package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.EngineException;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.WasmFunctionError;

/**
 * Turns what wasmtime-java throws into the engine-neutral outcome.
 *
 * <p>What the binding throws (measured): out of {@code Func.call}, a wasm trap is a
 * {@link WasmFunctionError.TrapError} carrying wasmtime's trap code ({@link Trap}) and nothing else
 * (no offset, no backtrace); any other failure, including an exception a host function threw, is a
 * plain {@code WasmtimeException} whose message is wasmtime's outermost error context ("error while
 * executing at wasm backtrace: ...") and has lost the cause. Out of {@code new Instance}, every
 * failure is a {@code WasmtimeException}: a segment that does not fit reads "wasm trap: out of
 * bounds memory access" or "wasm trap: undefined element: out of bounds table access", while a trap
 * in the start function would only show a backtrace; that is why the adapter runs the start
 * function itself, through {@code Func.call} (see {@link WasmtimeModule}).
 */
final class Traps {

    private Traps() {
    }

    /**
     * The outcome of a failed {@code Func.call}.
     *
     * @param failure what the binding threw
     * @param hostFailure the first exception a host function threw during this call, or null
     * @param info the module, to classify {@code TABLE_OUT_OF_BOUNDS}
     */
    static RuntimeException translate(Throwable failure, Throwable hostFailure, ModuleInfo info) {
        if (hostFailure != null) {
            return hostOutcome(hostFailure);
        }
        if (failure instanceof WasmFunctionError.TrapError trap) {
            if (trap.trap() == Trap.INTERRUPT) {
                return new ExecutionInterruptedException("wasm execution interrupted (epoch deadline reached)", trap);
            }
            TrapKind kind = kind(trap.trap(), info);
            return new WasmTrapException(kind, message(trap.trap(), kind, info), trap);
        }
        if (failure instanceof StackOverflowError) {
            // Only Java frames can throw this; wasm frames trap with STACK_OVERFLOW instead.
            return new WasmTrapException(TrapKind.CALL_STACK_EXHAUSTED, "JVM stack overflow during wasm execution", failure);
        }
        return unexpected(failure);
    }

    /**
     * The outcome of a failed {@code new Instance}: with the start function taken out, only
     * segment initialization can trap there, and only on memory or table bounds.
     */
    static RuntimeException translateInstantiation(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.startsWith("wasm trap: ")) {
            if (message.contains("out of bounds memory access")) {
                return new WasmTrapException(TrapKind.OUT_OF_BOUNDS_MEMORY, firstLine(message), failure);
            }
            if (message.contains("out of bounds table access")) {
                return new WasmTrapException(TrapKind.OUT_OF_BOUNDS_TABLE, firstLine(message), failure);
            }
            return new WasmTrapException(TrapKind.fromMessage(message), firstLine(message), failure);
        }
        return unexpected(failure);
    }

    private static RuntimeException unexpected(Throwable failure) {
        if (failure instanceof EngineException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e; // OutOfMemoryError and the like are not outcomes of the module
        }
        return new EngineFailureException("wasmtime failed: " + firstLine(failure.getMessage()), failure);
    }

    /** A host function's exception comes out as the very same object; only JVM errors are mapped. */
    private static RuntimeException hostOutcome(Throwable hostFailure) {
        if (hostFailure instanceof RuntimeException e) {
            return e;
        }
        if (hostFailure instanceof StackOverflowError) {
            return new WasmTrapException(TrapKind.CALL_STACK_EXHAUSTED,
                    "JVM stack overflow in a host function called from wasm", hostFailure);
        }
        if (hostFailure instanceof Error e) {
            throw e;
        }
        // A checked exception thrown sneakily: not a RuntimeException, so it cannot pass unwrapped.
        return new EngineFailureException("host function threw " + hostFailure, hostFailure);
    }

    static TrapKind kind(Trap trap, ModuleInfo info) {
        return switch (trap) {
            case STACK_OVERFLOW -> TrapKind.CALL_STACK_EXHAUSTED;
            case MEMORY_OUT_OF_BOUNDS -> TrapKind.OUT_OF_BOUNDS_MEMORY;
            case TABLE_OUT_OF_BOUNDS -> tableKind(info.code());
            case INDIRECT_CALL_TO_NULL -> TrapKind.UNINITIALIZED_ELEMENT;
            case BAD_SIGNATURE -> TrapKind.INDIRECT_CALL_TYPE_MISMATCH;
            case INTEGER_OVERFLOW -> TrapKind.INTEGER_OVERFLOW;
            case INTEGER_DIVISION_BY_ZERO -> TrapKind.INTEGER_DIVIDE_BY_ZERO;
            case BAD_CONVERSION_TO_INTEGER -> TrapKind.INVALID_CONVERSION_TO_INTEGER;
            case UNREACHABLE_CODE_REACHED -> TrapKind.UNREACHABLE;
            // HEAP_MISALIGNED needs atomics (threads are off); fuel is not enabled; adapters are
            // component-model only; UNKNOWN is the binding's own catch-all.
            default -> TrapKind.UNKNOWN;
        };
    }

    /**
     * wasmtime uses one code for what the spec calls "undefined element" (a {@code call_indirect}
     * index past the end of the table) and "out of bounds table access" ({@code table.init},
     * {@code table.copy}), and the binding gives no offset to tell them apart; the module's code can,
     * when it contains only one of the two kinds of instruction.
     */
    private static TrapKind tableKind(ModuleInfo.CodeFacts code) {
        if (!code.complete() || code.callIndirect() == code.tableInitOrCopy()) {
            return TrapKind.UNKNOWN;
        }
        return code.callIndirect() ? TrapKind.UNDEFINED_ELEMENT : TrapKind.OUT_OF_BOUNDS_TABLE;
    }

    private static String message(Trap trap, TrapKind kind, ModuleInfo info) {
        if (kind == TrapKind.UNKNOWN && trap == Trap.TABLE_OUT_OF_BOUNDS) {
            ModuleInfo.CodeFacts code = info.code();
            String why = !code.complete() ? "its code could not be scanned"
                    : code.callIndirect() ? "it uses both call_indirect and table.init/table.copy"
                    : "it has no table instruction";
            return "wasm trap: TABLE_OUT_OF_BOUNDS (undefined element or out of bounds table access? "
                    + "wasmtime-java does not say which, and the module cannot tell: " + why + ")";
        }
        return kind == TrapKind.UNKNOWN ? "wasm trap: " + trap : kind.specMessage() + " (wasmtime: " + trap + ")";
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
