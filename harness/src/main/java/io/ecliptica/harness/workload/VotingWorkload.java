package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proposals and votes on the C voting contract (docs/chain-format.md §6.4): proposals are created
 * as the chain goes, recent ones draw most votes (Zipf over recency), voters are Zipf-drawn
 * accounts; double votes, bad options and late votes revert on their own.
 */
final class VotingWorkload implements Workload {
    private static final int RECENT = 64;

    private final Accounts accounts;
    private final Contract contract;
    private final Zipf recency = new Zipf(RECENT, 1.2);
    private final List<Proposal> proposals = new ArrayList<>();
    private final Set<Long> voted = new HashSet<>();

    private record Proposal(int id, int creator, int options) {
    }

    VotingWorkload(BundledContracts bundled, Accounts accounts) {
        this.accounts = accounts;
        this.contract = new Contract("voting", Accounts.contract("voting"), bundled.code("voting"),
                bundled.source("voting"), new TreeMap<>());
    }

    @Override
    public List<Contract> contracts() {
        return List.of(contract);
    }

    @Override
    public Transaction next(long height, Rng rng) {
        int v = accounts.draw(rng);
        Bytes voter = accounts.get(v);
        int pick = rng.nextInt(1000);
        if (proposals.isEmpty() || pick < 80) {
            Proposal p = new Proposal(proposals.size(), v, (int) rng.between(2, 5));
            proposals.add(p);
            return call(voter, "create",
                    Encoding.input().u32(p.id()).u32(p.options()).u64(rng.between(20, 200)).build(), Workloads.GAS);
        }
        int rank;
        do {
            rank = recency.sample(rng);
        } while (rank >= proposals.size());
        Proposal p = proposals.get(proposals.size() - 1 - rank);
        if (pick < 830) {
            // one in twenty names an option past the last: reverts "bad option"
            int option = rng.nextInt(20) == 0 ? p.options() : rng.nextInt(p.options());
            voted.add(((long) p.id() << 32) | v);
            return call(voter, "vote", Encoding.input().u32(p.id()).u32(option).build(), Workloads.GAS);
        } else if (pick < 870) {
            return call(accounts.get(p.creator()), "close", Encoding.input().u32(p.id()).build(), Workloads.GAS);
        } else if (pick < 890) {
            return call(voter, "close", Encoding.input().u32(p.id()).build(), Workloads.GAS); // not the creator
        } else if (pick < 950) {
            return call(voter, "tally", Encoding.input().u32(p.id()).build(), Workloads.GAS);
        } else if (pick < 975) {
            return call(voter, "my_vote", Encoding.input().u32(p.id()).build(), Workloads.GAS);
        } else if (pick < 990) {
            return call(voter, "vote", Encoding.input().u32(p.id()).u32(0).build(), Workloads.TRAP_GAS);
        }
        return call(voter, Workloads.MISSING_EXPORT, Bytes.EMPTY, Workloads.GAS);
    }

    private Transaction call(Bytes from, String function, Bytes input, long gas) {
        return new Transaction(from, contract.address(), function, input, List.of(), gas);
    }
}
