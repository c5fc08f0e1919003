package io.ecliptica.instrument;

/**
 * A profile's static limits on a module (docs/gas.md §Feature gate and limits).
 *
 * @param maxMemoryPages largest initial memory size; the memory's maximum is lowered to this
 *     value (or set to it when absent), so {@code memory.grow} beyond it returns -1 on every engine
 * @param memoryRequired whether a module must define exactly one memory
 * @param maxTableElements largest initial table size (tables cannot grow: {@code table.grow} is rejected)
 * @param maxFunctions largest number of defined functions
 * @param maxLocals largest number of locals per function, parameters included, after expanding the
 *     declared (count, type) groups
 * @param maxGlobals largest number of globals (imported and defined)
 * @param maxExports largest number of exports
 * @param maxImports largest number of imports
 * @param maxParams largest number of parameters of a function (imported or defined)
 * @param maxResults largest number of results of a function (imported or defined)
 * @param maxTotalParams largest sum of the parameter counts of the defined functions
 */
public record Limits(long maxMemoryPages, boolean memoryRequired, long maxTableElements, long maxFunctions,
                     long maxLocals, long maxGlobals, long maxExports, long maxImports, long maxParams,
                     long maxResults, long maxTotalParams) {

    public Limits {
        if (maxMemoryPages < 0 || maxMemoryPages > 65536) {
            throw new IllegalArgumentException("maxMemoryPages must be in [0, 65536]");
        }
    }

    /** Canonical rendering lines (see {@link Profile#rendering()}). */
    String render() {
        return "limit memory-pages " + maxMemoryPages + "\n"
                + "limit memory-required " + memoryRequired + "\n"
                + "limit table-elements " + maxTableElements + "\n"
                + "limit functions " + maxFunctions + "\n"
                + "limit locals " + maxLocals + "\n"
                + "limit globals " + maxGlobals + "\n"
                + "limit exports " + maxExports + "\n"
                + "limit imports " + maxImports + "\n"
                + "limit params " + maxParams + "\n"
                + "limit results " + maxResults + "\n"
                + "limit total-params " + maxTotalParams + "\n";
    }
}
