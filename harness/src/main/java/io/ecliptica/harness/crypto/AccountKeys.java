package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * An account's keys derived from one 32-byte account secret ({@code docs/privacy.md} §7), so a
 * test vector needs one secret per account:
 *
 * <pre>
 * viewing seed  = KDF(secret, "ecliptica/viewing-seed/v1",  empty, 64)   ML-KEM-768 d || z
 * spending seed = KDF(secret, "ecliptica/spending-seed/v1", empty, 32)   ML-DSA-65 ξ
 * address       = SHA-256("ecliptica/address/v1" || 0x00 || spending public key)
 * </pre>
 *
 * Prints as {@code AccountKeys[address=0x…]}.
 */
public final class AccountKeys {

    public static final int SECRET_LENGTH = 32;

    private final Bytes secret;
    private final ViewingKey viewingKey;
    private final SpendingKey spendingKey;

    private AccountKeys(Bytes secret, ViewingKey viewingKey, SpendingKey spendingKey) {
        this.secret = secret;
        this.viewingKey = viewingKey;
        this.spendingKey = spendingKey;
    }

    /** The keys of the 32-byte account secret. */
    public static AccountKeys fromSecret(Bytes secret) {
        Encoding.requireLength(secret, SECRET_LENGTH, "account secret");
        return new AccountKeys(secret,
                ViewingKey.fromSeed(Kdf.derive(secret, Domain.VIEWING_SEED, Bytes.EMPTY, ViewingKey.SEED_LENGTH)),
                SpendingKey.fromSeed(Kdf.derive(secret, Domain.SPENDING_SEED, Bytes.EMPTY, SpendingKey.SEED_LENGTH)));
    }

    public ViewingKey viewingKey() {
        return viewingKey;
    }

    public SpendingKey spendingKey() {
        return spendingKey;
    }

    public Bytes address() {
        return spendingKey.address();
    }

    /** The account secret itself, for writing a filler that holds test keys (privacy.md §8.2: export by name only). */
    public Bytes exportSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return "AccountKeys[address=" + address().toHex() + "]";
    }
}
