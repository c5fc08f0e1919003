package io.ecliptica.harness.result;

import java.util.Locale;

/** The four transaction statuses of ABI v1 (docs/abi.md §4), with their receipt codes. */
public enum Status {
    OK(0), REVERT(1), TRAP(2), INVALID(3);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromId(String id) {
        for (Status s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + id + "' (expected ok, revert, trap or invalid)");
    }
}
