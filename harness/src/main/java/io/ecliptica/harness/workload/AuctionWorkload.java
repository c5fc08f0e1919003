package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * English auctions on the AssemblyScript auction contract (docs/chain-format.md §6.3): several
 * instances of different lengths, started by their first transaction, bid up by Zipf-drawn
 * accounts, then closed and withdrawn from. The generator tracks the highest bid itself, so most
 * bids are valid and some are deliberately too low.
 */
final class AuctionWorkload implements Workload {
    static final int INSTANCES = 16;
    static final long MIN_BID = 10;

    private final Accounts accounts;
    private final List<Contract> contracts = new ArrayList<>();
    private final Zipf pickAuction = new Zipf(INSTANCES, 1.0);
    private final Model[] models = new Model[INSTANCES];

    /** What the generator expects one auction to be in. */
    private static final class Model {
        final int seller;
        final long duration;
        long end = -1;
        long highest;
        int highBidder = -1;
        boolean closed;
        final Map<Integer, Long> pending = new HashMap<>();

        Model(int seller, long duration) {
            this.seller = seller;
            this.duration = duration;
        }
    }

    AuctionWorkload(BundledContracts bundled, Accounts accounts) {
        this.accounts = accounts;
        byte[] code = bundled.code("auction");
        for (int k = 0; k < INSTANCES; k++) {
            String name = "auction-" + k;
            contracts.add(new Contract(name, Accounts.contract(name), code, bundled.source("auction"), new TreeMap<>()));
            models[k] = new Model((k + 1) % accounts.count(), 10 + 5L * k * k);
        }
    }

    @Override
    public List<Contract> contracts() {
        return contracts;
    }

    @Override
    public Transaction next(long height, Rng rng) {
        int k = pickAuction.sample(rng);
        Model m = models[k];
        Bytes at = contracts.get(k).address();
        int b = accounts.draw(rng);
        Bytes bidder = accounts.get(b);
        if (m.end < 0) {
            m.end = height + m.duration;
            return call(accounts.get(m.seller), at, "start",
                    Encoding.input().u64(m.duration).u64(m.duration * 600).u64(MIN_BID).build(), Workloads.GAS);
        }
        int pick = rng.nextInt(1000);
        if (height < m.end) {
            if (pick < 800) {
                long amount = Math.max(m.highest, MIN_BID - 1) + rng.between(1, 20);
                if (b != m.seller) {
                    if (m.highBidder >= 0) {
                        m.pending.merge(m.highBidder, m.highest, Long::sum);
                    }
                    m.highest = amount;
                    m.highBidder = b;
                }
                return call(bidder, at, "bid", Encoding.input().u64(amount).build(), Workloads.GAS);
            } else if (pick < 870) {
                return call(bidder, at, "bid", Encoding.input().u64(m.highest).build(), Workloads.GAS); // too low
            } else if (pick < 930) {
                return withdraw(m, at, b);
            } else if (pick < 970) {
                return call(bidder, at, pick < 950 ? "status" : "winner", Bytes.EMPTY, Workloads.GAS);
            } else if (pick < 985) {
                return call(bidder, at, "bid", Encoding.input().u64(m.highest + 1).build(), Workloads.TRAP_GAS);
            }
            return call(bidder, at, Workloads.MISSING_EXPORT, Bytes.EMPTY, Workloads.GAS);
        }
        if (!m.closed && pick < 400) {
            m.closed = true;
            return call(bidder, at, "close", Bytes.EMPTY, Workloads.GAS);
        } else if (pick < 600) {
            return withdraw(m, at, b);
        } else if (pick < 750) {
            return call(bidder, at, "bid", Encoding.input().u64(m.highest + 1).build(), Workloads.GAS); // ended
        } else if (pick < 900) {
            return call(bidder, at, pick < 825 ? "winner" : "status", Bytes.EMPTY, Workloads.GAS);
        } else if (pick < 950) {
            return call(bidder, at, "close", Bytes.EMPTY, Workloads.GAS); // already closed, or closes it
        }
        return call(bidder, at, "bid", Encoding.input().u64(m.highest + 1).build(), Workloads.TRAP_GAS);
    }

    /** A withdrawal by someone who was outbid if there is one (else it reverts "nothing to withdraw"). */
    private Transaction withdraw(Model m, Bytes at, int drawn) {
        int who = drawn;
        if (!m.pending.containsKey(drawn) && !m.pending.isEmpty()) {
            who = new TreeMap<>(m.pending).firstKey();
        }
        m.pending.remove(who);
        return call(accounts.get(who), at, "withdraw", Bytes.EMPTY, Workloads.GAS);
    }

    private static Transaction call(Bytes from, Bytes to, String function, Bytes input, long gas) {
        return new Transaction(from, to, function, input, List.of(), gas);
    }
}
