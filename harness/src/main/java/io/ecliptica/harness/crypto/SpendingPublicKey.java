package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * An ML-DSA-65 public key (FIPS 204), 1952 bytes: the public half of a {@link SpendingKey}.
 *
 * @param encoded the 1952-byte public key {@code pk}
 */
public record SpendingPublicKey(Bytes encoded) {

    public static final int LENGTH = 1952;
    public static final int SIGNATURE_LENGTH = 3309;

    public SpendingPublicKey {
        Encoding.requireLength(encoded, LENGTH, "ML-DSA-65 public key");
    }

    /**
     * The account address of this key ({@code docs/privacy.md} §6.2):
     * {@code SHA-256("ecliptica/address/v1" || 0x00 || pk)}, 32 bytes.
     */
    public Bytes address() {
        return Sha256.digest(Domain.ADDRESS.with(encoded));
    }

    /**
     * FIPS 204 ML-DSA.Verify with an empty context string. False for a signature that is not
     * exactly 3309 bytes, and for any signature not made by this key over exactly {@code message}.
     */
    public boolean verify(Bytes message, Bytes signature) {
        if (signature.length() != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            MLDSASigner verifier = new MLDSASigner();
            verifier.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, encoded.toByteArray()));
            byte[] m = message.toByteArray();
            verifier.update(m, 0, m.length);
            return verifier.verifySignature(signature.toByteArray());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SpendingPublicKey[address=" + address().toHex() + "]";
    }
}
