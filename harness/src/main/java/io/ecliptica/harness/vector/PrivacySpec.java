package io.ecliptica.harness.vector;

import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.SpendingPublicKey;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.crypto.WriteContext;
import io.ecliptica.harness.exec.Privacy;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code privacy} block of a vector (docs/vector-format.md, docs/privacy.md §10): the chain id,
 * the chain master secret and the accounts of the key directory. In a filler an account is given by
 * its account secret (test keys); a fixture carries only public keys.
 */
public record PrivacySpec(long chainId, ChainSecret master, List<Account> accounts) {

    /** Genesis storage is encrypted as if written by this (height, txIndex): no block can have that index. */
    public static final WriteContext GENESIS = new WriteContext(0, 0xFFFF_FFFFL);

    public PrivacySpec {
        accounts = List.copyOf(accounts);
    }

    /** An account of the key directory; {@code keys} only in a filler. */
    public record Account(String name, Bytes address, ViewingPublicKey viewingKey, SpendingPublicKey spendingKey,
                          Optional<AccountKeys> keys) {
        @Override
        public String toString() {
            return "Account[" + name + " " + address + "]";
        }
    }

    /** The execution context's view: chain id, master secret, address to viewing key. */
    public Privacy context() {
        TreeMap<Bytes, ViewingPublicKey> viewers = new TreeMap<>();
        accounts.forEach(a -> viewers.put(a.address(), a.viewingKey()));
        return new Privacy(chainId, master, viewers);
    }

    public Optional<Account> byName(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<Account> byAddress(Bytes address) {
        return accounts.stream().filter(a -> a.address().equals(address)).findFirst();
    }

    @Override
    public String toString() {
        return "PrivacySpec[chainId=" + Long.toUnsignedString(chainId) + ", accounts=" + accounts + "]";
    }
}
