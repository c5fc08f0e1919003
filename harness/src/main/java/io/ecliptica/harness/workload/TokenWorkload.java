package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.TreeMap;

/**
 * Transfers between many accounts of the Rust token contract (docs/chain-format.md §6.2). Every
 * account starts with a balance written straight into genesis storage, so the chain holds one live
 * key per account from the first block on.
 */
final class TokenWorkload implements Workload {
    static final long INITIAL_BALANCE = 1_000_000;

    private final Accounts accounts;
    private final Contract contract;

    TokenWorkload(BundledContracts bundled, Accounts accounts, String name) {
        this.accounts = accounts;
        TreeMap<Bytes, Bytes> storage = new TreeMap<>();
        storage.put(Bytes.utf8("owner"), accounts.get(0));
        storage.put(Bytes.utf8("supply"), Encoding.input().u64(INITIAL_BALANCE * accounts.count()).build());
        for (int i = 0; i < accounts.count(); i++) {
            storage.put(balanceKey(accounts.get(i)), Encoding.input().u64(INITIAL_BALANCE).build());
        }
        this.contract = new Contract(name, Accounts.contract(name), bundled.code("token"), bundled.source("token"), storage);
    }

    static Bytes balanceKey(Bytes account) {
        return Bytes.utf8("bal:").concat(account);
    }

    @Override
    public List<Contract> contracts() {
        return List.of(contract);
    }

    @Override
    public Transaction next(long height, Rng rng) {
        Bytes from = accounts.get(accounts.draw(rng));
        Bytes to = accounts.get(accounts.draw(rng));
        int pick = rng.nextInt(1000);
        if (pick < 880) {
            return call(from, "transfer", Encoding.input().bytes(to).u64(rng.between(1, 1000)).build(), Workloads.GAS);
        } else if (pick < 910) {
            // more than any balance can reach: reverts "insufficient balance"
            return call(from, "transfer", Encoding.input().bytes(to).u64(1L << 50).build(), Workloads.GAS);
        } else if (pick < 940) {
            return call(from, "balance_of", to, Workloads.GAS);
        } else if (pick < 950) {
            return call(from, "total_supply", Bytes.EMPTY, Workloads.GAS);
        } else if (pick < 960) {
            // not the owner (unless account 0 was drawn): reverts "not owner"
            return call(from, "mint", Encoding.input().bytes(to).u64(rng.between(1, 100)).build(), Workloads.GAS);
        } else if (pick < 970) {
            return call(accounts.get(0), "mint", Encoding.input().bytes(to).u64(rng.between(1, 100)).build(), Workloads.GAS);
        } else if (pick < 980) {
            return call(from, "burn", Encoding.input().u64(rng.between(1, 50)).build(), Workloads.GAS);
        } else if (pick < 990) {
            // a truncated transfer: reverts "bad input"
            return call(from, "transfer", Encoding.input().bytes(to).build(), Workloads.GAS);
        } else if (pick < 995) {
            return call(from, "transfer", Encoding.input().bytes(to).u64(1).build(), Workloads.TRAP_GAS);
        }
        return call(from, Workloads.MISSING_EXPORT, Bytes.EMPTY, Workloads.GAS);
    }

    private Transaction call(Bytes from, String function, Bytes input, long gas) {
        return new Transaction(from, contract.address(), function, input, List.of(), gas);
    }
}
