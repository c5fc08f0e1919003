package io.ecliptica.harness.exec;

import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.state.Bytes;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The chain parameters of a private chain (docs/privacy.md §10): its id (part of every signing
 * payload), the master secret all state keys and envelope randomness derive from, and the key
 * directory mapping each account address to the viewing public key its outputs are sealed to.
 */
public record Privacy(long chainId, ChainSecret master, SortedMap<Bytes, ViewingPublicKey> viewers) {
    public Privacy {
        Objects.requireNonNull(master);
        viewers = Collections.unmodifiableSortedMap(new TreeMap<>(viewers));
    }

    /**
     * Whether a result carries an output the contract produced, which a private chain seals to the
     * sender (docs/privacy.md §10.4): {@code ok}, {@code revert}, and a trap of class {@code abort}.
     */
    public static boolean sealsOutput(CallResult r) {
        return r.status() == Status.OK || r.status() == Status.REVERT
                || (r.status() == Status.TRAP && r.errorClass().equals("abort"));
    }

    public Optional<ViewingPublicKey> viewer(Bytes address) {
        return Optional.ofNullable(viewers.get(address));
    }

    @Override
    public String toString() {
        return "Privacy[chainId=" + Long.toUnsignedString(chainId) + ", master=" + master + ", viewers=" + viewers.size() + "]";
    }
}
