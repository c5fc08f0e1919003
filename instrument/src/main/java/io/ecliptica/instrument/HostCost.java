package io.ecliptica.instrument;

import java.util.List;
import java.util.Objects;

/**
 * The cost of one host function: {@code base + perByte * (sum of the length arguments)}, the
 * lengths read as unsigned 32-bit values. It is charged before the host function runs (the base
 * with the calling metered block, the per-byte part right before the call).
 *
 * @param module import module ({@code "ecliptica"})
 * @param name import name
 * @param signature wasm signature in text form, e.g. {@code "(i32 i32 i32 i32) -> (i32)"}
 * @param base gas charged per call
 * @param perByte gas charged per unit of the length arguments
 * @param lengthParams zero-based indices of the parameters that are byte lengths (or capacities)
 * @param reserved true for entries that are priced but not yet callable (importing one is rejected)
 */
public record HostCost(String module, String name, String signature, long base, long perByte,
                       List<Integer> lengthParams, boolean reserved) {
    public HostCost {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
        lengthParams = List.copyOf(lengthParams);
        if (!signature.matches("\\(((i32|i64|f32|f64)( (i32|i64|f32|f64))*)?\\) -> \\(((i32|i64|f32|f64)( (i32|i64|f32|f64))*)?\\)")) {
            throw new IllegalArgumentException("signature must read like (i32 i32) -> (i32): " + signature);
        }
        String params = signature.substring(1, signature.indexOf(')'));
        List<String> ps = params.isEmpty() ? List.of() : List.of(params.split(" "));
        for (int i : lengthParams) {
            if (i < 0 || i >= ps.size() || !ps.get(i).equals("i32")) {
                throw new IllegalArgumentException("length parameter " + i + " of " + name + " is not an i32 parameter");
            }
        }
        if (!lengthParams.isEmpty() && (ps.size() > 5 || ps.stream().filter(t -> t.equals("i32")).count() > 4
                || ps.stream().filter(t -> t.equals("i64")).count() > 1 || ps.stream().anyMatch(t -> t.startsWith("f")))) {
            throw new IllegalArgumentException(name + ": a host function with lengths has at most four i32 parameters and one i64");
        }
        if (base < 0 || perByte < 0 || base > CostTable.MAX_WEIGHT || perByte > CostTable.MAX_WEIGHT) {
            throw new IllegalArgumentException("host cost out of range for " + name);
        }
    }

    /** A callable host function. */
    public static HostCost of(String module, String name, String signature, long base, long perByte, Integer... lengths) {
        return new HostCost(module, name, signature, base, perByte, List.of(lengths), false);
    }

    /** A reserved, not yet callable host function. */
    public static HostCost reserved(String module, String name, String signature, long base, long perByte,
                                    Integer... lengths) {
        return new HostCost(module, name, signature, base, perByte, List.of(lengths), true);
    }

    /** The canonical rendering line (see {@link Profile#rendering()}). */
    String render() {
        StringBuilder s = new StringBuilder(reserved ? "reserved " : "host ");
        s.append(module).append('.').append(name).append(' ').append(signature)
                .append(" base ").append(base).append(" per-byte ").append(perByte).append(" lengths ");
        if (lengthParams.isEmpty()) {
            s.append('-');
        } else {
            for (int i = 0; i < lengthParams.size(); i++) {
                s.append(i == 0 ? "" : ",").append(lengthParams.get(i));
            }
        }
        return s.toString();
    }
}
