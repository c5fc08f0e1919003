package io.ecliptica.harness.abi;

import io.ecliptica.harness.state.Bytes;

/**
 * How {@code call_contract} runs a callee: the executor's side of cross-contract calls
 * (docs/abi.md §6). The host function has already checked its arguments, the depth limit and
 * worked out the forwarded gas; this runs the callee and reports how it ended.
 */
public interface ContractCalls {

    /**
     * How a callee ended.
     *
     * @param output  return data on {@link CallStatus#OK}, the message of a revert or an abort,
     *                else empty
     * @param gasUsed gas the callee used out of what was forwarded (0 when nothing ran, or unmetered)
     */
    record Outcome(CallStatus status, Bytes output, long gasUsed) {
        public static Outcome notRun(CallStatus status) {
            return new Outcome(status, Bytes.EMPTY, 0);
        }
    }

    /**
     * Runs the contract at {@code callee} at {@code depth}, called by the contract of
     * {@code caller} with the input in the form {@link #send} gave and {@code gas} forwarded.
     * Exceptions other than the callee's own outcome (an interrupt, an engine failure) propagate
     * and end the transaction.
     */
    Outcome call(CallContext caller, Bytes callee, Bytes sent, long gas, int depth);

    /**
     * The form in which a call's input travels to the callee and is recorded in the host-call
     * trace: the input itself, or the input sealed to the callee when the transaction runs with a
     * privacy context (the callee's host opens it before the callee can read it). Called once per
     * call, in call order.
     */
    default Bytes send(CallContext caller, Bytes callee, Bytes input) {
        return input;
    }

    /** For a host with no other contracts (unit tests, signature probes): every call is invalid. */
    ContractCalls NONE = (caller, callee, input, gas, depth) -> Outcome.notRun(CallStatus.INVALID);
}
