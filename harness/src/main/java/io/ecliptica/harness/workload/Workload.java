package io.ecliptica.harness.workload;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.SortedMap;

/**
 * A source of realistic transactions over bundled contracts (docs/chain-format.md §6). Deterministic:
 * the transactions depend only on the order of calls and the draws from the {@link Rng} it is
 * given, never on execution results (a workload keeps its own model of what it expects).
 */
public interface Workload {

    /** The contracts deployed at genesis, with their initial storage. */
    List<Contract> contracts();

    /** The next transaction, in a block at {@code height}. */
    Transaction next(long height, Rng rng);

    /** A contract at genesis; {@code source} is its source path, for the record. */
    record Contract(String name, Bytes address, byte[] code, String source, SortedMap<Bytes, Bytes> storage) {
    }
}
