package io.ecliptica.harness.abi;

/** What {@code call_contract} returns to the calling contract (docs/abi.md §6). */
public enum CallStatus {
    /** The callee's {@code call} returned normally; its writes and events are kept. */
    OK(0),
    /** The callee called {@code revert}; its writes and events are rolled back. */
    REVERT(1),
    /** The callee trapped (any class, {@code abort} and {@code out_of_gas} included); rolled back. */
    TRAP(2),
    /** Nothing ran: no contract at the address, the module was refused or does not link, no {@code call} export. */
    INVALID(3),
    /** Nothing ran: the callee would run deeper than {@link HostAbi#MAX_CALL_DEPTH}. */
    DEPTH_EXCEEDED(4);

    private final int code;

    CallStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
