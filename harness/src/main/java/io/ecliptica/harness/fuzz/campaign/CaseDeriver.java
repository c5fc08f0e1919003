package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives case {@code index} of campaign {@code seed}, draw by draw, exactly as docs/fuzzing.md
 * ("Case derivation") lists them, so another team can reproduce any case from its two numbers.
 */
public final class CaseDeriver {
    /** The address every case deploys its contract at. */
    public static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(30) + "f0f0");
    /** The senders a call picks from. */
    static final List<Bytes> SENDERS = List.of(
            Bytes.fromHex("0x" + "aa".repeat(32)), Bytes.fromHex("0x" + "bb".repeat(32)),
            Bytes.fromHex("0x" + "cc".repeat(32)), Bytes.fromHex("0x" + "dd".repeat(32)));
    static final long FIRST_TIME = 1_767_225_600L;
    static final String MISSING_EXPORT = "no_such_export";

    private static final int[] I32_EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 31, 32, 33, 63, 64, 65};
    private static final long[] I64_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 63, 64, 65, 0xFFFF_FFFFL,
            0x1_0000_0000L};
    /** Zeros, ones, infinities, quiet and signalling NaNs of both signs, a payload NaN, the smallest subnormal. */
    private static final int[] F32_EDGES = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
            0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0x00000001, 0x7f7fffff};
    private static final long[] F64_EDGES = {0L, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
            0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff0000000000001L,
            0x7ff4000000000000L, 0x0000000000000001L, 0x7fefffffffffffffL};

    private final long seed;
    private final ContractPool pool;
    private final Optional<ModuleSource> modules;
    private final int generatedPercent;
    private final int privatePercent;
    private final String profile;

    /**
     * @param generatedPercent share of cases that run a generated module (0..100); all of them if
     *     the pool is empty, none if there is no module source
     */
    public CaseDeriver(long seed, ContractPool pool, Optional<ModuleSource> modules, int generatedPercent, String profile) {
        this(seed, pool, modules, generatedPercent, 0, profile);
    }

    /** @param privatePercent share of cases that run on a private chain (0..100) */
    public CaseDeriver(long seed, ContractPool pool, Optional<ModuleSource> modules, int generatedPercent,
                       int privatePercent, String profile) {
        if (pool.isEmpty() && modules.isEmpty()) {
            throw new IllegalArgumentException("no contracts and no module generator: nothing to fuzz");
        }
        this.seed = seed;
        this.pool = pool;
        this.modules = modules;
        this.generatedPercent = modules.isEmpty() ? 0 : pool.isEmpty() ? 100 : generatedPercent;
        this.privatePercent = privatePercent;
        this.profile = profile;
    }

    public long seed() {
        return seed;
    }

    public FuzzCase derive(long index) {
        CaseRandom r = CaseRandom.forCase(seed, index);
        boolean generated = r.chance(generatedPercent);
        ContractSpec contract;
        List<ExportedFunction> exports;
        String origin;
        TreeSet<String> opcodes = new TreeSet<>();
        Optional<GeneratedModuleRef> module = Optional.empty();
        if (generated) {
            long moduleSeed = r.nextLong();
            GeneratedModuleRef m = modules.orElseThrow().generate(moduleSeed);
            contract = generatedContract(m.wasm());
            exports = m.exports();
            origin = "generated module seed " + moduleSeed;
            opcodes.addAll(m.opcodes());
            module = Optional.of(m);
        } else {
            ContractPool.Entry e = pool.entries().get(r.nextInt(pool.entries().size()));
            contract = new ContractSpec("contract", CONTRACT, e.contract().code(), e.contract().codeHash(), "",
                    e.contract().storage());
            exports = e.exports();
            origin = "contract " + e.label();
        }
        int txCount = 1 + r.nextInt(8);
        // a quarter of the cases with two or more calls spread them over 2 or 3 blocks
        int blockCount = txCount > 1 && r.chance(25) ? 2 + r.nextInt(Math.min(2, txCount - 1)) : 1;
        List<List<TxSpec>> perBlock = new ArrayList<>();
        for (int b = 0; b < blockCount; b++) {
            perBlock.add(new ArrayList<>());
        }
        for (int t = 0; t < txCount; t++) {
            // every block gets at least one call (the first blockCount calls), the rest land anywhere
            int b = t < blockCount ? t : r.nextInt(blockCount);
            perBlock.get(b).add(new TxSpec(transaction(r, exports, generated), Optional.empty()));
        }
        List<BlockSpec> blocks = new ArrayList<>();
        long height = 1 + r.nextInt(1000);
        long time = FIRST_TIME + r.nextInt(100_000);
        for (List<TxSpec> txs : perBlock) {
            blocks.add(new BlockSpec(new BlockHeader(height, time), txs, Optional.empty()));
            height += 1 + r.nextInt(3);
            time += r.nextInt(30);
        }
        Vector v = new Vector(Path.of("fuzz-" + Long.toUnsignedString(seed) + "-" + index + ".json"),
                Vector.Kind.FILLER, "fuzz case " + index + " of seed " + seed + ": " + origin, profile,
                List.of(contract), blocks, Optional.empty(), Optional.empty());
        // drawn last, and always: the plaintext draws above are the same with or without privacy
        if (r.chance(privatePercent)) {
            v = PrivateCase.apply(v, PrivateCase.draw(r));
            origin += " on a private chain";
        }
        return new FuzzCase(seed, index, origin, v, opcodes, module);
    }

    /** The contract spec of a generated module at the case address, with empty storage. */
    public static ContractSpec generatedContract(byte[] wasm) {
        return new ContractSpec("contract", CONTRACT, Bytes.of(wasm), StateRootScheme.codeHash(wasm), "",
                new TreeMap<>());
    }

    private static Transaction transaction(CaseRandom r, List<ExportedFunction> exports, boolean generated) {
        Bytes from = SENDERS.get(r.nextInt(SENDERS.size()));
        String function;
        List<WasmValue> args = new ArrayList<>();
        if (r.chance(3)) {
            function = MISSING_EXPORT;
        } else {
            ExportedFunction f = exports.get(r.nextInt(exports.size()));
            function = f.name();
            for (ValueType t : f.params()) {
                args.add(value(r, t));
            }
            if (r.chance(3)) {
                // a call with the wrong arguments: signature_mismatch on every engine alike
                if (args.isEmpty() || r.chance(50)) {
                    args.add(value(r, ValueType.values()[r.nextInt(4)]));
                } else {
                    args.remove(args.size() - 1);
                }
            }
        }
        Bytes input = input(r);
        return new Transaction(from, CONTRACT, function, input, args, generated ? generatedGas(r) : contractGas(r));
    }

    /** A bundled contract's gas limit: its loops are bounded by its input, so a large limit costs little. */
    private static long contractGas(CaseRandom r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> r.nextInt(3000);
            case 2, 3, 4 -> 10_000 + r.nextInt(190_000);
            default -> 200_000 + r.nextInt(800_000);
        };
    }

    /**
     * A generated module's gas limit: smaller classes than a contract's, with the same draws. An
     * unbounded loop or recursion burns its whole limit, and on a fresh module the JVM engines run
     * it interpreted, while more gas only repeats the same loop (docs/fuzzing.md, "Gas of a
     * generated module", has the measurements behind the ranges).
     */
    private static long generatedGas(CaseRandom r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> r.nextInt(3000);
            case 2, 3, 4, 5 -> 10_000 + r.nextInt(90_000);
            default -> 100_000 + r.nextInt(400_000);
        };
    }

    static WasmValue value(CaseRandom r, ValueType t) {
        boolean edge = r.chance(50);
        return switch (t) {
            case I32 -> WasmValue.i32(edge ? I32_EDGES[r.nextInt(I32_EDGES.length)]
                    : r.chance(50) ? r.nextInt(256) - 128 : (int) r.nextLong());
            case I64 -> WasmValue.i64(edge ? I64_EDGES[r.nextInt(I64_EDGES.length)]
                    : r.chance(50) ? r.nextInt(256) - 128 : r.nextLong());
            case F32 -> WasmValue.f32Bits(edge ? F32_EDGES[r.nextInt(F32_EDGES.length)] : (int) r.nextLong());
            case F64 -> WasmValue.f64Bits(edge ? F64_EDGES[r.nextInt(F64_EDGES.length)] : r.nextLong());
        };
    }

    /** Input bytes in one of six shapes the bundled contracts parse (docs/fuzzing.md). */
    static Bytes input(CaseRandom r) {
        ByteBuffer b;
        switch (r.nextInt(6)) {
            case 0:
                return Bytes.EMPTY;
            case 1:
                return Bytes.of(r.bytes(r.nextInt(65)));
            case 2:
                b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                b.putLong(r.chance(50) ? I64_EDGES[r.nextInt(I64_EDGES.length)] : r.nextInt(1000));
                return Bytes.of(b.array());
            case 3: {
                int keyLen = r.nextInt(9);
                byte[] key = r.bytes(keyLen);
                byte[] value = r.bytes(r.nextInt(17));
                b = ByteBuffer.allocate(4 + keyLen + value.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(keyLen).put(key).put(value);
                return Bytes.of(b.array());
            }
            case 4: {
                b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
                b.put(SENDERS.get(r.nextInt(SENDERS.size())).toByteArray());
                b.putLong(r.chance(50) ? I64_EDGES[r.nextInt(I64_EDGES.length)] : r.nextInt(1000));
                return Bytes.of(b.array());
            }
            default:
                b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(r.chance(50) ? I32_EDGES[r.nextInt(I32_EDGES.length)] : r.nextInt(64));
                return Bytes.of(b.array());
        }
    }
}
