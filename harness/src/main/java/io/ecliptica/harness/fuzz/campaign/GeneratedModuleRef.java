package io.ecliptica.harness.fuzz.campaign;

import java.util.List;

/**
 * A generated module as the campaign sees it: the bytes, the exports to call, the opcodes it
 * uses and its text form (made on demand, for reproducers); {@code handle} is the generator's own
 * object, which the module reducer takes back.
 */
public record GeneratedModuleRef(long moduleSeed, byte[] wasm, List<ExportedFunction> exports,
                                 java.util.SortedSet<String> opcodes, java.util.function.Supplier<String> wat,
                                 Object handle) {
    public GeneratedModuleRef {
        exports = List.copyOf(exports);
    }
}
