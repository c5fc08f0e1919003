package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.fuzz.campaign.GeneratedModuleRef;
import io.ecliptica.harness.fuzz.campaign.PrivateCase;
import io.ecliptica.harness.exec.TxAuth;
import io.ecliptica.harness.fuzz.isolate.CaseRunner;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.fuzz.triage.Triage;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Shrinks a case while its run keeps the same {@link Signature} (docs/fuzzing.md, "Minimizer"):
 * delta debugging over the transactions, then one block, then simpler transactions (empty input,
 * zero arguments), then no initial storage, then the module through the {@link ModuleShrinker}.
 * Every candidate is run on every engine; {@code maxTests} bounds the runs.
 */
public final class CaseMinimizer {
    private final CaseRunner runner;
    private final Optional<ModuleShrinker> modules;
    private final int maxTests;
    private final BooleanSupplier stopped;
    private int tests;

    public CaseMinimizer(CaseRunner runner, Optional<ModuleShrinker> modules, int maxTests) {
        this(runner, modules, maxTests, () -> false);
    }

    /**
     * @param stopped once true, no further candidate runs: the smallest case so far is the result
     *                (it has the target signature), so a stopped campaign ends promptly
     */
    public CaseMinimizer(CaseRunner runner, Optional<ModuleShrinker> modules, int maxTests, BooleanSupplier stopped) {
        this.runner = runner;
        this.modules = modules;
        this.maxTests = maxTests;
        this.stopped = stopped;
    }

    /** The result: the smallest case found, the outcome of its run, and how many runs it took. */
    public record Minimized(FuzzCase minimal, RunOutcome outcome, int tests) {
    }

    public Minimized minimize(FuzzCase c, Signature target, RunOutcome original) {
        tests = 0;
        State best = new State(c, original);
        best = transactions(best, target);
        best = oneBlock(best, target);
        best = simplerTransactions(best, target);
        best = noStorage(best, target);
        if (modules.isPresent() && best.c.module().isPresent()) {
            best = module(best, target);
        }
        return new Minimized(best.c, best.outcome, tests);
    }

    private record State(FuzzCase c, RunOutcome outcome) {
    }

    /** A transaction of the original case: its block, its flat position (which makes equal calls distinct), itself. */
    private record Slot(int block, int position, TxSpec tx) {
    }

    private Optional<State> test(FuzzCase candidate, Signature target) {
        if (tests >= maxTests || stopped.getAsBoolean()) {
            return Optional.empty();
        }
        tests++;
        RunOutcome o = runner.run(candidate.vector());
        // host calls are localized (two more runs) only for a candidate that can still match
        return Triage.signature(o, runner, s -> s.field().equals(target.field()) && s.sides().equals(target.sides())
                        && s.outcomes().equals(target.outcomes()))
                .filter(target::equals).map(s -> new State(candidate, o));
    }

    // ---- ddmin over transactions ---------------------------------------------------------------

    private State transactions(State best, Signature target) {
        // slots name blocks of the original case: candidates are always cut from it
        FuzzCase original = best.c;
        List<Slot> slots = slots(original.vector());
        int n = 2;
        while (slots.size() >= 2 && tests < maxTests) {
            List<List<Slot>> parts = split(slots, n);
            boolean reduced = false;
            for (List<Slot> part : parts) {
                Optional<State> s = test(withSlots(original, part), target);
                if (s.isPresent()) {
                    best = s.get();
                    slots = part;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                for (int i = 0; i < parts.size() && !reduced; i++) {
                    List<Slot> complement = new ArrayList<>(slots);
                    complement.removeAll(parts.get(i));
                    if (complement.isEmpty()) {
                        continue;
                    }
                    Optional<State> s = test(withSlots(original, complement), target);
                    if (s.isPresent()) {
                        best = s.get();
                        slots = complement;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                    }
                }
            }
            if (!reduced) {
                if (n >= slots.size()) {
                    break;
                }
                n = Math.min(slots.size(), n * 2);
            }
        }
        return best;
    }

    private static List<Slot> slots(Vector v) {
        List<Slot> out = new ArrayList<>();
        for (int b = 0; b < v.blocks().size(); b++) {
            for (TxSpec t : v.blocks().get(b).transactions()) {
                out.add(new Slot(b, out.size(), t));
            }
        }
        return out;
    }

    private static List<List<Slot>> split(List<Slot> slots, int n) {
        List<List<Slot>> parts = new ArrayList<>();
        int size = slots.size();
        for (int i = 0; i < n; i++) {
            List<Slot> part = slots.subList(i * size / n, (i + 1) * size / n);
            if (!part.isEmpty()) {
                parts.add(new ArrayList<>(part));
            }
        }
        return parts;
    }

    /** The case with only these transactions, in their blocks; blocks left empty are dropped. */
    private static FuzzCase withSlots(FuzzCase c, List<Slot> keep) {
        Vector v = c.vector();
        List<BlockSpec> blocks = new ArrayList<>();
        for (int b = 0; b < v.blocks().size(); b++) {
            int bi = b;
            List<TxSpec> txs = keep.stream().filter(s -> s.block == bi).map(Slot::tx).toList();
            if (!txs.isEmpty()) {
                blocks.add(new BlockSpec(v.blocks().get(b).header(), txs, Optional.empty()));
            }
        }
        return c.withVector(withBlocks(v, blocks), c.module());
    }

    private static Vector withBlocks(Vector v, List<BlockSpec> blocks) {
        return new Vector(v.file(), v.kind(), v.description(), v.profile(), v.contracts(), blocks, v.preStateRoot(),
                v.provenance(), v.privacy());
    }

    // ---- simpler shapes ------------------------------------------------------------------------

    private State oneBlock(State best, Signature target) {
        Vector v = best.c.vector();
        if (v.blocks().size() < 2) {
            return best;
        }
        List<TxSpec> all = v.blocks().stream().flatMap(b -> b.transactions().stream()).toList();
        BlockSpec merged = new BlockSpec(v.blocks().get(0).header(), all, Optional.empty());
        return test(best.c.withVector(withBlocks(v, List.of(merged)), best.c.module()), target).orElse(best);
    }

    private State simplerTransactions(State best, Signature target) {
        int count = best.c.vector().transactionCount();
        for (int i = 0; i < count; i++) {
            Transaction tx = flat(best.c.vector(), i);
            if (!tx.input().isEmpty()) {
                best = replace(best, i, new Transaction(tx.from(), tx.to(), tx.function(), Bytes.EMPTY, tx.args(),
                        tx.gasLimit()), target);
            }
            tx = flat(best.c.vector(), i);
            List<WasmValue> zeros = tx.args().stream().map(a -> new WasmValue(a.type(), 0)).toList();
            if (!zeros.equals(tx.args())) {
                best = replace(best, i, new Transaction(tx.from(), tx.to(), tx.function(), tx.input(), zeros,
                        tx.gasLimit()), target);
            }
        }
        return best;
    }

    private State replace(State best, int flatIndex, Transaction plain, Signature target) {
        Vector v = best.c.vector();
        // on a private chain the simpler call is signed again by its sender, at its nonce
        Optional<TxAuth> auth = flat(v, flatIndex).auth();
        Transaction tx = v.privacy().isPresent() && auth.isPresent()
                ? PrivateCase.signed(plain, v.privacy().get(), auth.get().nonce()) : plain;
        List<BlockSpec> blocks = new ArrayList<>();
        int i = 0;
        for (BlockSpec b : v.blocks()) {
            List<TxSpec> txs = new ArrayList<>();
            for (TxSpec t : b.transactions()) {
                txs.add(i++ == flatIndex ? new TxSpec(tx, Optional.empty()) : t);
            }
            blocks.add(new BlockSpec(b.header(), txs, Optional.empty()));
        }
        return test(best.c.withVector(withBlocks(v, blocks), best.c.module()), target).orElse(best);
    }

    private static Transaction flat(Vector v, int index) {
        int i = 0;
        for (BlockSpec b : v.blocks()) {
            for (TxSpec t : b.transactions()) {
                if (i++ == index) {
                    return t.tx();
                }
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    private State noStorage(State best, Signature target) {
        Vector v = best.c.vector();
        if (v.contracts().stream().allMatch(c -> c.storage().isEmpty())) {
            return best;
        }
        List<ContractSpec> bare = v.contracts().stream().map(c -> new ContractSpec(c.name(), c.address(), c.code(),
                c.codeHash(), c.source(), new TreeMap<>())).toList();
        Vector candidate = new Vector(v.file(), v.kind(), v.description(), v.profile(), bare, v.blocks(),
                v.preStateRoot(), v.provenance(), v.privacy());
        return test(best.c.withVector(candidate, best.c.module()), target).orElse(best);
    }

    // ---- the module ----------------------------------------------------------------------------

    private State module(State best, Signature target) {
        State[] found = {best};
        modules.get().shrink(best.c.module().get(), m -> {
            Vector v = best.c.vector();
            Vector candidate = new Vector(v.file(), v.kind(), v.description(), v.profile(),
                    List.of(CaseDeriver.generatedContract(m.wasm())), v.blocks(), v.preStateRoot(), v.provenance(),
                    v.privacy());
            Optional<State> s = test(best.c.withVector(candidate, Optional.of(m)), target);
            s.ifPresent(st -> found[0] = st);
            return s.isPresent();
        }, Math.max(0, maxTests - tests));
        // the last candidate that kept the signature: the shrinker only ever accepts smaller ones
        return found[0];
    }
}
