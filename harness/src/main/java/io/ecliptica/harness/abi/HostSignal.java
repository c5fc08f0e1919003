package io.ecliptica.harness.abi;

import io.ecliptica.harness.state.Bytes;

/**
 * Thrown by a host function to end the call with a host-decided outcome. Engines hand the very
 * same object back (engine contract), so the executor can tell it from an engine trap.
 * No stack trace: these are control flow, and they are thrown on hot paths.
 */
public abstract sealed class HostSignal extends RuntimeException {

    private HostSignal(String message) {
        super(message, null, false, false);
    }

    /** {@code revert(msg)}: status revert, output = message. */
    public static final class Revert extends HostSignal {
        private final Bytes message;

        public Revert(Bytes message) {
            super("revert");
            this.message = message;
        }

        public Bytes message() {
            return message;
        }
    }

    /** {@code abort(msg)}: status trap, class abort, output = message. */
    public static final class Abort extends HostSignal {
        private final Bytes message;

        public Abort(Bytes message) {
            super("abort");
            this.message = message;
        }

        public Bytes message() {
            return message;
        }
    }

    /** The metered module ran out of gas (docs/gas.md): trap class out_of_gas. */
    public static final class OutOfGas extends HostSignal {
        public OutOfGas() {
            super("out of gas");
        }
    }

    /** The metered module exceeded the profile's stack limit: trap class call_stack_exhausted. */
    public static final class StackExhausted extends HostSignal {
        public StackExhausted() {
            super("stack limit of the profile exceeded");
        }
    }

    /** A host function was called against the rules of docs/abi.md §3: trap class abi_violation. */
    public static final class AbiViolation extends HostSignal {
        public AbiViolation(String reason) {
            super(reason);
        }
    }
}
