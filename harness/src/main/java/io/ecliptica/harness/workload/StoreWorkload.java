package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.TreeMap;

/**
 * The small contracts of the mixed workload (docs/chain-format.md §6.5): the WAT counter and the C
 * key-value store with Zipf-drawn keys.
 */
final class StoreWorkload implements Workload {
    private static final int KEYS = 2048;

    private final Accounts accounts;
    private final Contract counter;
    private final Contract kvstore;
    private final Zipf keys = new Zipf(KEYS, 1.1);

    StoreWorkload(BundledContracts bundled, Accounts accounts) {
        this.accounts = accounts;
        counter = new Contract("counter", Accounts.contract("counter"), bundled.code("counter"), bundled.source("counter"),
                new TreeMap<>());
        kvstore = new Contract("kvstore", Accounts.contract("kvstore"), bundled.code("kvstore"), bundled.source("kvstore"),
                new TreeMap<>());
    }

    @Override
    public List<Contract> contracts() {
        return List.of(counter, kvstore);
    }

    @Override
    public Transaction next(long height, Rng rng) {
        Bytes from = accounts.get(accounts.draw(rng));
        int pick = rng.nextInt(1000);
        if (pick < 200) {
            return call(from, counter, "increment", Bytes.EMPTY);
        } else if (pick < 260) {
            return call(from, counter, "add", Encoding.input().u64(rng.between(1, 1000)).build());
        } else if (pick < 290) {
            return call(from, counter, "get", Bytes.EMPTY);
        } else if (pick < 300) {
            return call(from, counter, "reset", Bytes.EMPTY);
        }
        Bytes key = key(rng);
        if (pick < 700) {
            return call(from, kvstore, "put", Encoding.input().u32(key.length()).bytes(key)
                    .bytes(rng.bytes((int) rng.between(8, 40))).build());
        } else if (pick < 850) {
            return call(from, kvstore, "get", key); // reverts "not found" when absent
        } else if (pick < 900) {
            return call(from, kvstore, "len", key);
        } else if (pick < 970) {
            return call(from, kvstore, "delete", key);
        }
        Bytes second = key(rng);
        return call(from, kvstore, "put_many", Encoding.input().u32(key.length()).bytes(key).u32(8).u64(rng.nextLong())
                .u32(second.length()).bytes(second).u32(8).u64(rng.nextLong()).build());
    }

    private Bytes key(Rng rng) {
        return Bytes.utf8("key-" + keys.sample(rng));
    }

    private static Transaction call(Bytes from, Contract c, String function, Bytes input) {
        return new Transaction(from, c.address(), function, input, List.of(), Workloads.GAS);
    }
}
