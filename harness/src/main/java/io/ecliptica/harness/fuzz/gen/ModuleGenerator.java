package io.ecliptica.harness.fuzz.gen;

import static io.ecliptica.engine.ValueType.F32;
import static io.ecliptica.engine.ValueType.F64;
import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;

import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure-aware generation of valid modules in the spirit of wasm-smith: every instruction is
 * generated for a required type (an expression of type {@code t}, a statement that leaves nothing,
 * a body that leaves exactly its block's results), so the module is valid by construction and fits
 * the profile {@code ecliptica-v1} (docs/fuzzing.md §"Module generator"). Deterministic: the module
 * is a function of the entropy's choices and the configuration.
 */
public final class ModuleGenerator {

    /** Global 0 counts down the calls that may recurse; the guard skips them at 0. */
    static final int BUDGET_GLOBAL = 0;

    private ModuleGenerator() {}

    public static GeneratedModule generate(long seed, GeneratorConfig config) {
        return generate(new SeededEntropy(seed), config);
    }

    public static GeneratedModule generate(Entropy entropy, GeneratorConfig config) {
        return GeneratedModule.of(new ModuleState(entropy, config).build());
    }

    /** Module-level choices, then one {@link FunctionGenerator} per function, in order. */
    static final class ModuleState {
        final Entropy e;
        final GeneratorConfig cfg;
        final List<ValueType> types;
        final List<FuncSig> sigs = new ArrayList<>();
        final List<ModuleAst.Global> globals = new ArrayList<>();
        ModuleAst.Memory memory;
        int tableSize;
        final List<Integer> tableElems = new ArrayList<>();
        final List<ModuleAst.DataSegment> data = new ArrayList<>();

        ModuleState(Entropy e, GeneratorConfig cfg) {
            this.e = e;
            this.cfg = cfg;
            this.types = cfg.floats() ? List.of(I32, I64, F32, F64) : List.of(I32, I64);
        }

        ModuleAst build() {
            int nFuncs = e.between(1, cfg.maxFunctions());
            for (int i = 0; i < nFuncs; i++) {
                sigs.add(new FuncSig(randomTypes(cfg.maxParams()), randomTypes(cfg.maxResults())));
            }
            if (e.nextInt(1000) < cfg.memoryPerMille()) {
                int min = e.chance(50) ? 0 : e.between(1, 2);
                int max = e.chance(50) ? -1 : min + e.nextInt(4);
                memory = new ModuleAst.Memory(min, max, !e.chance(50));
            }
            globals.add(new ModuleAst.Global(I32, true, cfg.recursionBudget()));
            int nGlobals = e.nextInt(4);
            for (int i = 0; i < nGlobals; i++) {
                ValueType t = e.pick(types);
                globals.add(new ModuleAst.Global(t, !e.chance(300), constantBits(t)));
            }
            if (memory != null) {
                int nData = e.nextInt(4);
                for (int i = 0; i < nData; i++) {
                    byte[] bytes = new byte[e.between(1, 32)];
                    for (int k = 0; k < bytes.length; k++) {
                        bytes[k] = (byte) e.nextInt(256);
                    }
                    boolean passive = e.chance(400);
                    int room = Math.max(1, memory.minPages() * 65536 - bytes.length);
                    // An active segment past the end traps at instantiation; rare on purpose.
                    int offset = e.chance(cfg.wildArgumentPerMille() / 4) ? room + e.nextInt(64) : e.nextInt(Math.min(room, 4096));
                    data.add(new ModuleAst.DataSegment(passive, passive ? 0 : offset, bytes));
                }
            }
            if (e.nextInt(1000) < cfg.tablePerMille()) {
                tableSize = e.between(1, nFuncs + 3);
                int n = e.between(1, tableSize);
                for (int i = 0; i < n; i++) {
                    tableElems.add(e.nextInt(nFuncs));
                }
            }
            List<ModuleAst.Func> funcs = new ArrayList<>();
            for (int i = 0; i < nFuncs; i++) {
                funcs.add(new FunctionGenerator(this, i).build());
            }
            List<ModuleAst.Export> exports = new ArrayList<>();
            int nExports = e.between(1, Math.min(nFuncs, 4));
            List<Integer> candidates = new ArrayList<>();
            for (int i = nFuncs - 1; i >= 0; i--) {
                candidates.add(i);
            }
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < nExports; i++) {
                chosen.add(candidates.remove(e.nextInt(candidates.size())));
            }
            chosen.sort(null);
            for (int id : chosen) {
                exports.add(new ModuleAst.Export("f" + id, id));
            }
            return new ModuleAst(funcs, globals, memory, tableSize, tableElems, data, exports);
        }

        List<ValueType> randomTypes(int max) {
            int n = e.nextInt(max + 1);
            List<ValueType> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(e.pick(types));
            }
            return out;
        }

        /** Memory size in bytes at instantiation (0 without memory). */
        long memoryBytes() {
            return memory == null ? 0 : memory.minPages() * 65536L;
        }

        private static final int[] I32_SPECIAL = {0, 1, -1, 2, 3, 7, 8, 16, 31, 32, 33, 63, 64, 255, 256, 1024, 65535, 65536,
            Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, -2};
        private static final long[] I64_SPECIAL = {0, 1, -1, 2, 63, 64, 65, 255, 1L << 32, (1L << 32) - 1, Long.MIN_VALUE,
            Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, -2};
        private static final int[] F32_SPECIAL = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x7fc00000, 0xffc00000,
            0x7fa00000, 0x7f800001, 0x7f800000, 0xff800000, 0x7f7fffff, 0x00000001, 0x00800000, 0x4f000000, 0xcf000000,
            0x5f000000, 0x4f800000, 0xcf000001, 0x3f7fffff};
        private static final long[] F64_SPECIAL = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
            0x3fe0000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff4000000000000L, 0x7ff0000000000001L,
            0x7ff0000000000000L, 0xfff0000000000000L, 0x7fefffffffffffffL, 1L, 0x0010000000000000L, 0x41e0000000000000L,
            0xc1e0000000200000L, 0x43e0000000000000L, 0x41f0000000000000L, 0xc3e0000000000000L, 0x3fefffffffffffffL};

        /** Constant bits: usually a boundary value (zero first, so exhausted entropy gives 0), else random bits. */
        long constantBits(ValueType t) {
            boolean special = !e.chance(300);
            return switch (t) {
                case I32 -> special ? I32_SPECIAL[e.nextInt(I32_SPECIAL.length)] : e.nextLong() >> e.nextInt(32);
                case I64 -> special ? I64_SPECIAL[e.nextInt(I64_SPECIAL.length)] : e.nextLong() >> e.nextInt(64);
                case F32 -> special ? F32_SPECIAL[e.nextInt(F32_SPECIAL.length)] & 0xFFFF_FFFFL : e.nextLong() & 0xFFFF_FFFFL;
                case F64 -> special ? F64_SPECIAL[e.nextInt(F64_SPECIAL.length)] : e.nextLong();
            };
        }
    }
}
