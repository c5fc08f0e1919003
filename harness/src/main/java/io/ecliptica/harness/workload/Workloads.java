package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import java.util.ArrayList;
import java.util.List;

/** The named workloads of {@code gen-chain} (docs/chain-format.md §6). */
public final class Workloads {
    public static final List<String> IDS = List.of("token", "auction", "voting", "mixed");

    /** Gas limit of an ordinary transaction. */
    static final long GAS = 10_000_000;
    /** Gas limit of a transaction meant to run out of gas (a trap). */
    static final long TRAP_GAS = 200;
    /** An export no bundled contract has: the call traps {@code missing_export}. */
    static final String MISSING_EXPORT = "no_such_export";
    /** Zipf exponent of account draws. */
    static final double ACCOUNT_SKEW = 1.1;

    private Workloads() {
    }

    /**
     * The workload {@code id} over {@code accounts} accounts.
     *
     * @throws IllegalArgumentException unknown id, or a contract that cannot be read
     */
    public static Workload create(String id, BundledContracts bundled, int accounts) {
        Accounts a = new Accounts(accounts, ACCOUNT_SKEW);
        return switch (id) {
            case "token" -> new TokenWorkload(bundled, a, "token");
            case "auction" -> new AuctionWorkload(bundled, a);
            case "voting" -> new VotingWorkload(bundled, a);
            case "mixed" -> new Mixed(List.of(new TokenWorkload(bundled, a, "token"), new AuctionWorkload(bundled, a),
                    new VotingWorkload(bundled, a), new StoreWorkload(bundled, a)), new int[] {40, 15, 15, 30});
            default -> throw new IllegalArgumentException("unknown workload '" + id + "' (known: " + String.join(", ", IDS) + ")");
        };
    }

    /** Each transaction from one of several workloads, chosen by weight (out of 100). */
    private static final class Mixed implements Workload {
        private final List<Workload> parts;
        private final int[] weights;

        Mixed(List<Workload> parts, int[] weights) {
            this.parts = parts;
            this.weights = weights;
        }

        @Override
        public List<Contract> contracts() {
            List<Contract> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.contracts()));
            return all;
        }

        @Override
        public Transaction next(long height, Rng rng) {
            int pick = rng.nextInt(100);
            for (int i = 0; i < parts.size(); i++) {
                if (pick < weights[i]) {
                    return parts.get(i).next(height, rng);
                }
                pick -= weights[i];
            }
            return parts.get(parts.size() - 1).next(height, rng);
        }
    }
}
