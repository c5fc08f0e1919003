package io.ecliptica.instrument;

import static io.ecliptica.instrument.CostClass.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named, versioned deterministic execution profile: which modules are accepted and how they are
 * instrumented before any engine sees them. docs/gas.md is its specification.
 *
 * @param id the profile id recorded in every vector's {@code _info}
 * @param passThrough no checks and no instrumentation: the module is handed to the engines as it is
 * @param allowFloats whether float instructions are accepted
 * @param allowBulkMemory whether bulk-memory instructions are accepted
 * @param abiImportsOnly whether imports are restricted to the host functions of {@link CostTable#hostCalls()}
 *     (non-reserved) with their exact signatures; false accepts any import (for experiments and tests)
 * @param meterGas whether gas metering is injected
 * @param limitStack whether the deterministic stack-height limit is injected
 * @param canonicalizeNans whether NaN canonicalization is injected
 * @param stackLimit the stack-height limit in slots (docs/gas.md §Stack height)
 * @param frameOverhead the fixed per-call part of a function's frame cost, in slots
 * @param limits static limits (null only for a pass-through profile)
 * @param costs gas prices (null only for a pass-through profile)
 */
public record Profile(String id, boolean passThrough, boolean allowFloats, boolean allowBulkMemory,
                      boolean abiImportsOnly, boolean meterGas, boolean limitStack, boolean canonicalizeNans,
                      long stackLimit, long frameOverhead, Limits limits, CostTable costs) {

    /**
     * Version line at the top of every rendering: the version of the rendering and of the rules of
     * docs/gas.md it stands for (2: gas in a local, merged blocks, flat functions, traps use all
     * the gas, the stack height as a parameter), so that a rule change changes every hash.
     */
    public static final String RENDERING_FORMAT = "ecliptica-profile/2";

    public Profile {
        Objects.requireNonNull(id, "id");
        if (!passThrough) {
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(costs, "costs");
            if (stackLimit < 1 || stackLimit > Integer.MAX_VALUE / 2 || frameOverhead < 0 || frameOverhead > 1024) {
                throw new IllegalArgumentException("stack limit or frame overhead out of range");
            }
        }
    }

    /** The host functions of ABI v1 (docs/abi.md §3) and the reserved crypto functions, with ecliptica-v1's prices. */
    static final List<HostCost> ECLIPTICA_V1_HOST = List.of(
            HostCost.of("ecliptica", "input_size", "() -> (i32)", 20, 0),
            HostCost.of("ecliptica", "input_read", "(i32 i32 i32) -> ()", 50, 1, 2),
            HostCost.of("ecliptica", "storage_read", "(i32 i32 i32 i32) -> (i32)", 1000, 2, 1, 3),
            HostCost.of("ecliptica", "storage_write", "(i32 i32 i32 i32) -> ()", 5000, 20, 1, 3),
            HostCost.of("ecliptica", "storage_remove", "(i32 i32) -> (i32)", 3000, 2, 1),
            HostCost.of("ecliptica", "return_data", "(i32 i32) -> ()", 50, 1, 1),
            HostCost.of("ecliptica", "emit_event", "(i32 i32 i32 i32) -> ()", 500, 4, 1, 3),
            HostCost.of("ecliptica", "caller", "(i32) -> ()", 50, 0),
            HostCost.of("ecliptica", "self_address", "(i32) -> ()", 50, 0),
            HostCost.of("ecliptica", "block_height", "() -> (i64)", 20, 0),
            HostCost.of("ecliptica", "block_time", "() -> (i64)", 20, 0),
            HostCost.of("ecliptica", "revert", "(i32 i32) -> ()", 50, 1, 1),
            HostCost.of("ecliptica", "abort", "(i32 i32) -> ()", 50, 1, 1),
            // The first crypto host call (docs/abi.md §3): SHA-256 of a memory range.
            HostCost.of("ecliptica", "crypto_sha256", "(i32 i32 i32) -> ()", 500, 10, 1),
            // Cross-contract calls (docs/abi.md §6): the callee's own gas comes out of the forwarded gas.
            HostCost.of("ecliptica", "call_contract", "(i32 i32 i32 i64) -> (i32)", 20_000, 10, 2),
            HostCost.of("ecliptica", "call_output", "(i32 i32) -> (i32)", 50, 1, 1),
            // The privacy layer's host calls (docs/privacy.md §10): priced at the cost of their work.
            HostCost.of("ecliptica", "crypto_ml_dsa_65_verify", "(i32 i32 i32 i32) -> (i32)", 250_000, 10, 2),
            HostCost.of("ecliptica", "crypto_seal_to_caller", "(i32 i32 i32) -> ()", 100_000, 10, 1),
            // Raw KEM encapsulation stays reserved: contracts get envelopes, never bare shared secrets.
            HostCost.reserved("ecliptica", "crypto_ml_kem_768_encapsulate", "(i32 i32 i32 i32) -> ()", 100_000, 0));

    private static Map<CostClass, Long> eclipticaV1Weights() {
        EnumMap<CostClass, Long> w = new EnumMap<>(CostClass.class);
        w.put(STRUCTURE, 0L);
        w.put(CONTROL, 1L);
        w.put(CostClass.BR_TABLE, 2L);
        w.put(CALL, 5L);
        w.put(CALL_INDIRECT, 8L);
        w.put(CONST, 1L);
        w.put(LOCAL, 1L);
        w.put(GLOBAL, 2L);
        w.put(INT, 1L);
        w.put(INT_MUL, 2L);
        w.put(INT_DIV, 8L);
        w.put(FLOAT, 2L);
        w.put(FLOAT_MUL, 3L);
        w.put(FLOAT_DIV, 10L);
        w.put(FLOAT_TO_INT, 3L);
        w.put(LOAD, 3L);
        w.put(STORE, 3L);
        w.put(MEMORY_SIZE, 2L);
        w.put(MEMORY_GROW, 100L);
        w.put(BULK, 10L);
        w.put(DROP_SEGMENT, 2L);
        return w;
    }

    /** ecliptica-v1: the deterministic execution profile of docs/gas.md. */
    public static final Profile ECLIPTICA_V1 = new Profile("ecliptica-v1", false, true, true, true, true, true, true,
            100_000, 4,
            new Limits(1024, false, 4096, 10_000, 4096, 1024, 1024, 64, 64, 16, 1_000_000),
            new CostTable(eclipticaV1Weights(), 4096, 1, 4, ECLIPTICA_V1_HOST));

    /** none: the raw engines; the module is passed through untouched. */
    public static final Profile NONE = new Profile("none", true, true, true, false, false, false, false,
            0, 0, null, null);

    /**
     * cosmwasm-gatekeeper: CosmWasm's rule set as of cosmwasm-vm 2.x (Gatekeeper::default(), the
     * static checks of compatibility.rs with the WasmLimits defaults, the flat per-operator cost of
     * 150,000 gas) on top of this harness's host ABI. docs/gas.md §CosmWasm-like profile lists
     * what is taken over and what is not.
     */
    public static final Profile COSMWASM_LIKE = new Profile("cosmwasm-gatekeeper", false, true, false, true, true,
            true, true, 100_000, 4,
            new Limits(512, true, 2500, 20_000, 50_000, 1_000_000, 100_000, 100, 100, 1, 10_000),
            new CostTable(CostTable.flat(150_000), 0, 0, 0, ECLIPTICA_V1_HOST.stream()
                    .map(h -> new HostCost(h.module(), h.name(), h.signature(), 0, 0, h.lengthParams(), h.reserved()))
                    .toList()));

    /** The named profiles, by id. */
    public static Profile byId(String id) {
        return switch (id) {
            case "ecliptica-v1" -> ECLIPTICA_V1;
            case "none" -> NONE;
            case "cosmwasm-gatekeeper" -> COSMWASM_LIKE;
            default -> throw new IllegalArgumentException("unknown profile " + id);
        };
    }

    /** This profile under another id (for derived experimental profiles). */
    public Profile withId(String newId) {
        return new Profile(newId, passThrough, allowFloats, allowBulkMemory, abiImportsOnly, meterGas, limitStack,
                canonicalizeNans, stackLimit, frameOverhead, limits, costs);
    }

    /** This profile with only the named transformations on (for benchmarks: which one costs what). */
    public Profile withPasses(boolean gas, boolean stack, boolean nans) {
        return new Profile(id + (gas ? "" : "-nogas") + (stack ? "" : "-nostack") + (nans ? "" : "-nonan"),
                passThrough, allowFloats, allowBulkMemory, abiImportsOnly, gas, stack, nans, stackLimit,
                frameOverhead, limits, costs);
    }

    /** This profile with another stack-height limit. */
    public Profile withStackLimit(long limit) {
        return new Profile(id, passThrough, allowFloats, allowBulkMemory, abiImportsOnly, meterGas, limitStack,
                canonicalizeNans, limit, frameOverhead, limits, costs);
    }

    /** This profile with other limits. */
    public Profile withLimits(Limits newLimits) {
        return new Profile(id, passThrough, allowFloats, allowBulkMemory, abiImportsOnly, meterGas, limitStack,
                canonicalizeNans, stackLimit, frameOverhead, newLimits, costs);
    }

    /** This profile with other prices. */
    public Profile withCosts(CostTable newCosts) {
        return new Profile(id, passThrough, allowFloats, allowBulkMemory, abiImportsOnly, meterGas, limitStack,
                canonicalizeNans, stackLimit, frameOverhead, limits, newCosts);
    }

    /** This profile accepting any import (for experiments and for running the spec testsuite). */
    public Profile withAnyImports() {
        return new Profile(id, passThrough, allowFloats, allowBulkMemory, false, meterGas, limitStack,
                canonicalizeNans, stackLimit, frameOverhead, limits, costs);
    }

    /** This profile with floats or bulk memory allowed or denied. */
    public Profile withFeatures(boolean floats, boolean bulkMemory) {
        return new Profile(id, passThrough, floats, bulkMemory, abiImportsOnly, meterGas, limitStack,
                canonicalizeNans, stackLimit, frameOverhead, limits, costs);
    }

    /**
     * The canonical text rendering of everything in this profile that can change a result: UTF-8,
     * one item per line, each line ending in LF, in the fixed order documented in docs/gas.md
     * §Cost-table hash.
     */
    public String rendering() {
        StringBuilder s = new StringBuilder();
        s.append(RENDERING_FORMAT).append('\n');
        s.append("id ").append(id).append('\n');
        s.append("pass-through ").append(passThrough).append('\n');
        if (passThrough) {
            return s.toString();
        }
        s.append("floats ").append(allowFloats ? "allowed" : "denied").append('\n');
        s.append("bulk-memory ").append(allowBulkMemory ? "allowed" : "denied").append('\n');
        s.append("imports ").append(abiImportsOnly ? "host-table" : "any").append('\n');
        s.append("gas ").append(meterGas ? "on" : "off").append('\n');
        s.append("stack ").append(limitStack ? "on" : "off").append(" limit ").append(stackLimit)
                .append(" overhead ").append(frameOverhead).append('\n');
        s.append("nan ").append(canonicalizeNans ? "canonical" : "off").append('\n');
        // a fixed rule of every instrumenting profile (docs/gas.md §15), listed so that the hash
        // of fixtures filled before it differs
        s.append("active-data-segments dropped").append('\n');
        // the exact rewrites of docs/gas.md §16, fixed for every instrumenting profile likewise
        s.append("float-loads integer").append('\n');
        s.append("convert-i64-u round-to-odd").append('\n');
        s.append("address-overflow trapped").append('\n');
        s.append("i32-mul wrapped").append('\n');
        s.append(limits.render());
        for (CostClass c : CostClass.values()) {
            s.append("class ").append(c.name()).append(' ').append(costs.weight(c)).append('\n');
        }
        for (Op op : Op.values()) {
            if (op.inCode()) {
                s.append("op ").append(op.hex()).append(' ').append(op == Op.SELECT_T ? "select_t" : op.mnemonic)
                        .append(' ').append(costs.weight(op)).append('\n');
            }
        }
        s.append("dynamic memory.grow per-page ").append(costs.memoryGrowPerPage()).append('\n');
        s.append("dynamic memory.fill,memory.copy,memory.init per-byte ").append(costs.bulkPerByte()).append('\n');
        s.append("dynamic table.init,table.copy per-element ").append(costs.tablePerElement()).append('\n');
        for (HostCost h : costs.hostCalls()) {
            s.append(h.render()).append('\n');
        }
        return s.toString();
    }

    /** SHA-256 (lowercase hex) of {@link #rendering()} in UTF-8. */
    public String costTableHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(rendering().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
