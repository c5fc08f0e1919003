package io.ecliptica.instrument;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A profile's gas prices.
 *
 * @param weights static weight of each {@link CostClass} (every class must be present)
 * @param memoryGrowPerPage dynamic cost of {@code memory.grow} per page requested
 * @param bulkPerByte dynamic cost of {@code memory.fill}, {@code memory.copy}, {@code memory.init} per byte
 * @param tablePerElement dynamic cost of {@code table.init}, {@code table.copy} per element
 * @param hostCalls the host functions' costs (callable and reserved)
 */
public record CostTable(Map<CostClass, Long> weights, long memoryGrowPerPage, long bulkPerByte,
                        long tablePerElement, List<HostCost> hostCalls) {

    /** Largest accepted weight: keeps every charge (a u32 operand times a weight) far from i64 overflow. */
    public static final long MAX_WEIGHT = 1L << 24;

    public CostTable {
        EnumMap<CostClass, Long> w = new EnumMap<>(CostClass.class);
        w.putAll(weights);
        for (CostClass c : CostClass.values()) {
            Long v = w.get(c);
            if (v == null || v < 0 || v > MAX_WEIGHT) {
                throw new IllegalArgumentException("weight of " + c + " missing or out of range: " + v);
            }
        }
        weights = Collections.unmodifiableMap(w);
        for (long v : new long[] {memoryGrowPerPage, bulkPerByte, tablePerElement}) {
            if (v < 0 || v > MAX_WEIGHT) {
                throw new IllegalArgumentException("dynamic cost out of range: " + v);
            }
        }
        hostCalls = List.copyOf(hostCalls);
    }

    /** The static weight of an instruction. */
    long weight(Op op) {
        return weights.get(op.costClass);
    }

    /** The weight of a class. */
    public long weight(CostClass c) {
        return weights.get(c);
    }

    /** The host cost entry for an import, or null. */
    public HostCost host(String module, String name) {
        for (HostCost h : hostCalls) {
            if (h.module().equals(module) && h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** A table with the same weight for every class and no dynamic or host costs. */
    static Map<CostClass, Long> flat(long w) {
        EnumMap<CostClass, Long> m = new EnumMap<>(CostClass.class);
        for (CostClass c : CostClass.values()) {
            m.put(c, w);
        }
        return m;
    }
}
