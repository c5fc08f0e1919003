package io.ecliptica.harness.fuzz.gen;

/**
 * Knobs of the module generator (docs/fuzzing.md §"Module generator"). Sizes are upper bounds of
 * uniform choices; probabilities are per mille. The configuration is part of a module's identity:
 * the same seed under another configuration gives another module.
 *
 * @param maxFunctions defined functions (at least 1)
 * @param maxParams parameters per function
 * @param maxResults results per function (more than one uses multi-value)
 * @param maxLocals declared locals per function, besides loop counters
 * @param maxStatements statements per block body
 * @param maxDepth nesting depth of expressions and blocks
 * @param maxNodesPerFunction instructions generated per function, roughly (the fuel)
 * @param maxLoopIterations iterations of a counted loop
 * @param recursionBudget calls that may recurse (to the same or a later function, or through the
 *     table) per transaction before the guard stops them: the initial value of global 0
 * @param floats generate f32/f64 values and instructions
 * @param hostCalls call the host ABI
 * @param bulkMemory generate memory.fill/copy/init and data.drop
 * @param memoryPerMille chance that the module has a memory
 * @param tablePerMille chance that the module has a table (and call_indirect)
 * @param unboundedLoopPerMille chance that a loop has no counter (it usually runs out of gas)
 * @param unguardedRecursionPerMille chance that a call that may recurse skips the guard
 *     (unbounded recursion ends in {@code call_stack_exhausted} or {@code out_of_gas})
 * @param wildArgumentPerMille chance that a pointer, length or table index is arbitrary
 *     (out of bounds, over a limit) instead of a sensible one
 * @param endCallPerMille chance that a host call is {@code revert} or {@code abort}
 * @param unreachablePerMille chance that a statement is {@code unreachable}
 * @param initFromActiveSegments let {@code memory.init} and {@code data.drop} name active data
 *     segments too (dropped at instantiation, so {@code memory.init} of a non-empty range traps).
 *     Chicory 1.7.5 does not drop them (docs/engine-quirks.md); the instrumenting profiles
 *     normalize that (docs/gas.md §15), so on by default: under {@code ecliptica-v1} every engine
 *     agrees on such modules, under {@code none} the quirk shows. Off, only passive segments are named
 */
public record GeneratorConfig(int maxFunctions, int maxParams, int maxResults, int maxLocals, int maxStatements,
        int maxDepth, int maxNodesPerFunction, int maxLoopIterations, int recursionBudget, boolean floats,
        boolean hostCalls, boolean bulkMemory, int memoryPerMille, int tablePerMille, int unboundedLoopPerMille,
        int unguardedRecursionPerMille, int wildArgumentPerMille, int endCallPerMille, int unreachablePerMille,
        boolean initFromActiveSegments) {

    public static final GeneratorConfig DEFAULT = new GeneratorConfig(6, 3, 2, 4, 5, 5, 150, 12, 24, true, true, true,
            950, 700, 20, 20, 60, 15, 10, true);

    /** This configuration with {@link #initFromActiveSegments()} set as given. */
    public GeneratorConfig withInitFromActiveSegments(boolean on) {
        return new GeneratorConfig(maxFunctions, maxParams, maxResults, maxLocals, maxStatements, maxDepth,
                maxNodesPerFunction, maxLoopIterations, recursionBudget, floats, hostCalls, bulkMemory, memoryPerMille,
                tablePerMille, unboundedLoopPerMille, unguardedRecursionPerMille, wildArgumentPerMille, endCallPerMille,
                unreachablePerMille, on);
    }

    public GeneratorConfig {
        if (maxFunctions < 1 || maxParams < 0 || maxResults < 0 || maxLocals < 0 || maxStatements < 0 || maxDepth < 1
                || maxNodesPerFunction < 1 || maxLoopIterations < 1 || recursionBudget < 0) {
            throw new IllegalArgumentException("generator sizes out of range");
        }
        if (maxParams > 64 || maxResults > 16) {
            throw new IllegalArgumentException("the profile allows at most 64 parameters and 16 results");
        }
        for (int p : new int[] {memoryPerMille, tablePerMille, unboundedLoopPerMille, unguardedRecursionPerMille,
                wildArgumentPerMille, endCallPerMille, unreachablePerMille}) {
            if (p < 0 || p > 1000) {
                throw new IllegalArgumentException("probabilities are per mille, 0..1000");
            }
        }
    }
}
