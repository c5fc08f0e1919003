package io.ecliptica.harness.vector;

import io.ecliptica.harness.state.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A test vector: pre-state contracts and blocks of transactions. A filler has no expectations and
 * no provenance; a filled vector (fixture) has both.
 */
public record Vector(Path file, Kind kind, String description, String profile, List<ContractSpec> contracts,
                     List<BlockSpec> blocks, Optional<Bytes> preStateRoot, Optional<Provenance> provenance,
                     Optional<PrivacySpec> privacy) {

    /** Gas limit of a transaction that names none (docs/vector-format.md). */
    public static final long DEFAULT_GAS_LIMIT = 100_000_000L;

    public enum Kind {
        FILLER("ecliptica-filler/1"), FIXTURE("ecliptica-vector/2");

        private final String format;

        Kind(String format) {
            this.format = format;
        }

        public String format() {
            return format;
        }
    }

    public Vector {
        contracts = List.copyOf(contracts);
        blocks = List.copyOf(blocks);
        java.util.Objects.requireNonNull(privacy);
    }

    /** A vector of a plaintext chain. */
    public Vector(Path file, Kind kind, String description, String profile, List<ContractSpec> contracts,
                  List<BlockSpec> blocks, Optional<Bytes> preStateRoot, Optional<Provenance> provenance) {
        this(file, kind, description, profile, contracts, blocks, preStateRoot, provenance, Optional.empty());
    }

    public int transactionCount() {
        return blocks.stream().mapToInt(b -> b.transactions().size()).sum();
    }
}
