package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * The host's signature check before execution ({@code docs/privacy.md} §6.4): the transaction
 * carries its signer's public key and signature; the checks run in a fixed order and the first
 * failure decides the rejection reason, so every engine rejects the same way.
 */
public final class TransactionAuthenticator {

    private TransactionAuthenticator() {}

    /** Checks {@code signature} over {@code payload} by {@code publicKey} (raw bytes as carried by the transaction). */
    public static Authentication check(TransactionPayload payload, Bytes publicKey, Bytes signature) {
        if (publicKey.length() != SpendingPublicKey.LENGTH) {
            return new Authentication.Rejected(Authentication.Reason.MALFORMED_PUBLIC_KEY);
        }
        SpendingPublicKey key = new SpendingPublicKey(publicKey);
        if (!key.address().equals(payload.from())) {
            return new Authentication.Rejected(Authentication.Reason.SIGNER_MISMATCH);
        }
        if (!key.verify(payload.encode(), signature)) {
            return new Authentication.Rejected(Authentication.Reason.BAD_SIGNATURE);
        }
        return new Authentication.Accepted(payload.from());
    }
}
