package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.StateCipher;
import io.ecliptica.harness.exec.PrivateTransactions;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.exec.TxAuth;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.PrivacySpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a case into the same calls on a private chain (docs/fuzzing.md, "Case derivation", step
 * 7; docs/privacy.md §10): a chain id, a master secret and one account per sender, all drawn from
 * the case's own stream after every other draw, so the plaintext part of every case stays what it
 * is without privacy and the case is still a function of (seed, index) alone.
 */
public final class PrivateCase {
    /** Account {@code k} stands for sender {@code k} of {@link CaseDeriver#SENDERS}. */
    static final List<String> NAMES = List.of("sender0", "sender1", "sender2", "sender3");

    private PrivateCase() {
    }

    /** Draws the chain and its accounts: chain id, master secret, then one 32-byte account secret per sender. */
    static PrivacySpec draw(CaseRandom r) {
        long chainId = r.nextLong() >>> 1;
        ChainSecret master = ChainSecret.of(Bytes.of(r.bytes(ChainSecret.LENGTH)));
        List<PrivacySpec.Account> accounts = new ArrayList<>();
        for (String name : NAMES) {
            AccountKeys keys = AccountKeys.fromSecret(Bytes.of(r.bytes(AccountKeys.SECRET_LENGTH)));
            accounts.add(new PrivacySpec.Account(name, keys.address(), keys.viewingKey().publicKey(),
                    keys.spendingKey().publicKey(), Optional.of(keys), true));
        }
        return new PrivacySpec(chainId, master, accounts);
    }

    /**
     * The plaintext case on the chain {@code p}: each call sent by its sender's account with the
     * intrinsic gas of the signature check added to its gas limit (gas.md §14), signed at nonce =
     * the account's earlier calls in the case; the contract's storage stored as genesis storage
     * (privacy.md §10.3).
     */
    static Vector apply(Vector plain, PrivacySpec p) {
        List<ContractSpec> contracts = new ArrayList<>();
        for (ContractSpec c : plain.contracts()) {
            StateCipher cipher = p.master().contract(c.address());
            TreeMap<Bytes, Bytes> stored = new TreeMap<>();
            for (Map.Entry<Bytes, Bytes> kv : c.storage().entrySet()) {
                stored.put(kv.getKey(), cipher.encrypt(kv.getKey(), kv.getValue(), PrivacySpec.GENESIS));
            }
            contracts.add(new ContractSpec(c.name(), c.address(), c.code(), c.codeHash(), c.source(), stored));
        }
        long[] nonces = new long[NAMES.size()];
        List<BlockSpec> blocks = new ArrayList<>();
        for (BlockSpec b : plain.blocks()) {
            List<TxSpec> txs = new ArrayList<>();
            for (TxSpec t : b.transactions()) {
                int k = CaseDeriver.SENDERS.indexOf(t.tx().from());
                Transaction tx = t.tx();
                // the signature check's intrinsic gas on top, so the call runs with the gas it has in plaintext
                Transaction mine = new Transaction(p.accounts().get(k).address(), tx.to(), tx.function(), tx.input(),
                        tx.args(), tx.gasLimit() + PrivateTransactions.SIGNATURE_CHECK);
                txs.add(new TxSpec(signed(mine, p, nonces[k]++), Optional.empty()));
            }
            blocks.add(new BlockSpec(b.header(), txs, Optional.empty()));
        }
        return new Vector(plain.file(), plain.kind(), plain.description() + " on a private chain", plain.profile(),
                contracts, blocks, plain.preStateRoot(), plain.provenance(), Optional.of(p));
    }

    /** {@code tx} signed by its sender's account of {@code p} at {@code nonce} (privacy.md §6.3). */
    public static Transaction signed(Transaction tx, PrivacySpec p, long nonce) {
        PrivacySpec.Account a = p.accounts().stream().filter(x -> x.address().equals(tx.from())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the sender " + tx.from() + " is no account of the chain"));
        AccountKeys keys = a.keys().orElseThrow(() -> new IllegalArgumentException("account " + a.name() + " has no keys"));
        // the payload leaves out any signature tx already carries; withAuth replaces it
        return tx.withAuth(new TxAuth(nonce, a.spendingKey().encoded(), keys.spendingKey().sign(tx.payload(p.chainId(), nonce))));
    }
}
