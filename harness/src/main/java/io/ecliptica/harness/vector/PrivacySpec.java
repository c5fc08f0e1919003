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

    /**
     * An account; {@code keys} only in a filler. An account that is not {@code listed} signs but is
     * left out of the key directory (a filler's {@code "directory": false}, for {@code unknown_viewer}
     * vectors); a fixture lists only the directory.
     */
    public record Account(String name, Bytes address, ViewingPublicKey viewingKey, SpendingPublicKey spendingKey,
                          Optional<AccountKeys> keys, boolean listed) {
        @Override
        public String toString() {
            return "Account[" + name + " " + address + "]";
        }
    }

    /** The execution context's view: chain id, master secret, address to viewing key. */
    public Privacy context() {
        TreeMap<Bytes, ViewingPublicKey> viewers = new TreeMap<>();
        directory().forEach(a -> viewers.put(a.address(), a.viewingKey()));
        return new Privacy(chainId, master, viewers);
    }

    /** The accounts of the key directory, in file order. */
    public List<Account> directory() {
        return accounts.stream().filter(Account::listed).toList();
    }

    public Optional<Account> byName(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The directory's account at {@code address}. */
    public Optional<Account> byAddress(Bytes address) {
        return directory().stream().filter(a -> a.address().equals(address)).findFirst();
    }

    @Override
    public String toString() {
        return "PrivacySpec[chainId=" + Long.toUnsignedString(chainId) + ", accounts=" + accounts + "]";
    }
}
