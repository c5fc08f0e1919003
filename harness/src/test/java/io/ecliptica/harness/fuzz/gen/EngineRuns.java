package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a generated module's exports on one real engine through the harness's executor, under
 * ecliptica-v1, one transaction per export with arguments drawn from the module's own entropy.
 * Shared by the generator, reducer and Jazzer tests.
 */
public final class EngineRuns implements AutoCloseable {
    static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "07");
    static final Bytes SENDER = Bytes.fromHex("0x" + "ab".repeat(32));
    static final BlockHeader BLOCK = new BlockHeader(7, 1_700_000_000L);
    static final long GAS = 300_000;

    private final EngineExecutor executor;
    private final PreparedModules prepared = new PreparedModules(Profiles.byId("ecliptica-v1"));

    public EngineRuns(String engineId) throws io.ecliptica.engine.EngineUnavailableException {
        executor = new EngineExecutor(EngineRegistry.discover().provider(engineId).orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(20), Duration.ofSeconds(60)));
    }

    public static List<Transaction> transactions(GeneratedModule m, Entropy args) {
        List<Transaction> out = new ArrayList<>();
        for (GeneratedModule.ExportedFunction f : m.exports()) {
            List<WasmValue> values = new ArrayList<>();
            for (ValueType t : f.params()) {
                values.add(new WasmValue(t, args.chance(500) ? args.nextInt(16) : args.nextLong()));
            }
            byte[] input = new byte[args.nextInt(12)];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) args.nextInt(256);
            }
            out.add(new Transaction(SENDER, CONTRACT, f.name(), Bytes.of(input), values, GAS));
        }
        return out;
    }

    /** Runs the transactions in order, each on the state the previous one left. */
    public List<Execution> run(GeneratedModule m, List<Transaction> txs) {
        byte[] wasm = m.wasm();
        CodeStore code = CodeStore.empty().with(wasm);
        WorldState state = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm));
        List<Execution> out = new ArrayList<>();
        for (Transaction tx : txs) {
            Execution e = executor.execute(prepared, state, code, BLOCK, tx);
            out.add(e);
            if (e instanceof Execution.Completed c) {
                state = c.post();
            }
        }
        return out;
    }

    @Override
    public void close() {
        executor.close();
    }
}
