package io.ecliptica.harness.fuzz.gen;

import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;

import io.ecliptica.engine.ValueType;
import java.util.List;

/**
 * The host functions of ABI v1 (docs/abi.md §3) with their exact signatures, and the role of each
 * argument so the generator can aim pointers into memory and keep lengths mostly under the limits:
 * {@code P} pointer, {@code K} key or topic length (limit 256), {@code L} length (limit 65536),
 * {@code O} offset into the call input.
 */
public enum HostFunc {
    INPUT_SIZE("input_size", "", List.of(I32)),
    INPUT_READ("input_read", "POL", List.of()),
    STORAGE_READ("storage_read", "PKPL", List.of(I32)),
    STORAGE_WRITE("storage_write", "PKPL", List.of()),
    STORAGE_REMOVE("storage_remove", "PK", List.of(I32)),
    RETURN_DATA("return_data", "PL", List.of()),
    EMIT_EVENT("emit_event", "PKPL", List.of()),
    CALLER("caller", "P", List.of()),
    SELF_ADDRESS("self_address", "P", List.of()),
    BLOCK_HEIGHT("block_height", "", List.of(I64)),
    BLOCK_TIME("block_time", "", List.of(I64)),
    REVERT("revert", "PL", List.of()),
    CRYPTO_SHA256("crypto_sha256", "PLP", List.of()),
    ABORT("abort", "PL", List.of());

    /** Function ids at and above this one name host functions: {@code BASE_ID + ordinal()}. */
    public static final int BASE_ID = 1 << 20;

    public final String importName;
    /** One role letter per parameter (all parameters are i32). */
    public final String roles;
    public final FuncSig sig;

    HostFunc(String importName, String roles, List<ValueType> results) {
        this.importName = importName;
        this.roles = roles;
        this.sig = new FuncSig(java.util.Collections.nCopies(roles.length(), I32), results);
    }

    public int id() {
        return BASE_ID + ordinal();
    }

    /** True for the functions that end the call (they never return). */
    public boolean ends() {
        return this == REVERT || this == ABORT;
    }

    public static boolean isHost(long id) {
        return id >= BASE_ID;
    }

    public static HostFunc ofId(long id) {
        return values()[(int) (id - BASE_ID)];
    }
}
