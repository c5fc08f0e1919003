package io.ecliptica.harness.exec;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;

/**
 * What a signed transaction carries besides its call (docs/privacy.md §6): the signer's account
 * nonce, its ML-DSA-65 public key and the signature over the signing payload. The lengths are not
 * checked here: a malformed key or signature is a deterministic rejection, not a malformed vector.
 */
public record TxAuth(long nonce, Bytes publicKey, Bytes signature) {
    public TxAuth {
        Objects.requireNonNull(publicKey);
        Objects.requireNonNull(signature);
    }
}
