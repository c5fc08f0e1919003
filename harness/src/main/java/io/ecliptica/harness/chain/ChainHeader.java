package io.ecliptica.harness.chain;

import io.ecliptica.harness.vector.Provenance;
import java.util.List;
import java.util.Optional;

/**
 * The first line of a chain file (docs/chain-format.md §2): what the chain runs under and what
 * recorded it. Free of timestamps and host names, so the same seed gives the same bytes.
 *
 * @param generator how {@code gen-chain} made it, if it did
 */
public record ChainHeader(String description, String profile, String costTableHash, String abi,
                          String stateRootScheme, String harness, Optional<Generator> generator,
                          List<Provenance.FilledBy> recordedBy) {
    public static final String FORMAT = "ecliptica-chain/1";

    public ChainHeader {
        recordedBy = List.copyOf(recordedBy);
    }

    /** The {@code gen-chain} parameters that reproduce the chain. */
    public record Generator(String workload, long seed, int blocks, int txsPerBlock, int accounts) {
    }
}
