package io.ecliptica.harness.chain;

import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import java.util.List;

/**
 * One block of a chain file: its header, its transactions, and what was recorded for it when
 * every engine agreed (docs/chain-format.md §4).
 */
public record ChainBlock(BlockHeader header, List<Transaction> transactions, Recorded recorded) {
    public ChainBlock {
        transactions = List.copyOf(transactions);
        if (recorded.receipts().size() != transactions.size()) {
            throw new IllegalArgumentException("one receipt digest per transaction");
        }
    }

    public long height() {
        return header.height();
    }

    /**
     * The recorded commitments: state root after the block, receipts root, total gas, and the
     * SHA-256 of each transaction's receipt encoding (what names the transaction when a root differs).
     */
    public record Recorded(Bytes stateRoot, Bytes receiptsRoot, long gasUsed, List<Bytes> receipts) {
        public Recorded {
            receipts = List.copyOf(receipts);
        }
    }
}
