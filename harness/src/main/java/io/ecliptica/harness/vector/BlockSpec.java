package io.ecliptica.harness.vector;

import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;

/** A block of a vector and, in a filled vector, its expected roots. */
public record BlockSpec(BlockHeader header, List<TxSpec> transactions, Optional<Roots> expect) {
    public BlockSpec {
        transactions = List.copyOf(transactions);
    }

    /** The per-block commitments: state root after the block and receipts root of its transactions. */
    public record Roots(Bytes stateRoot, Bytes receiptsRoot) {
    }
}
