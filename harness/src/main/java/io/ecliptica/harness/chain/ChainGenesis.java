package io.ecliptica.harness.chain;

import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import java.util.List;

/** The state a chain starts from: contracts, their code and storage, and its root (docs/chain-format.md §3). */
public record ChainGenesis(List<Contract> contracts, WorldState state, CodeStore code) {
    public ChainGenesis {
        contracts = List.copyOf(contracts);
    }

    /** A contract deployed at genesis; {@code name} is for reports only. */
    public record Contract(String name, Bytes address, Bytes codeHash, String source) {
    }

    /** The contract's name at {@code address}, or the address itself. */
    public String nameOf(Bytes address) {
        return contracts.stream().filter(c -> c.address().equals(address)).map(Contract::name).findFirst()
                .orElse(address.toHex());
    }
}
