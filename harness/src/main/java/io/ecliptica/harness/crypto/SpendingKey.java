package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * An ML-DSA-65 spending key ({@code docs/privacy.md} §6.1), given by its 32-byte seed ξ (FIPS 204
 * ML-DSA.KeyGen_internal(ξ)). Signs with the FIPS 204 deterministic variant (rnd = 32 zero bytes)
 * and an empty context string, so a signature is a function of key and message alone. Prints as
 * {@code SpendingKey[redacted]}.
 */
public final class SpendingKey {

    public static final int SEED_LENGTH = 32;

    private final Bytes seed;
    private final MLDSAPrivateKeyParameters privateKey;
    private final SpendingPublicKey publicKey;

    private SpendingKey(Bytes seed) {
        this.seed = seed;
        this.privateKey = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, seed.toByteArray());
        this.publicKey = new SpendingPublicKey(Bytes.of(privateKey.getPublicKey()));
    }

    /** The key pair of the 32-byte seed ξ. */
    public static SpendingKey fromSeed(Bytes seed) {
        Encoding.requireLength(seed, SEED_LENGTH, "ML-DSA-65 seed");
        return new SpendingKey(seed);
    }

    public SpendingPublicKey publicKey() {
        return publicKey;
    }

    /** The account address of this key, {@link SpendingPublicKey#address()}. */
    public Bytes address() {
        return publicKey.address();
    }

    /** The 32-byte seed: secret, for key export only. */
    public Bytes seed() {
        return seed;
    }

    /** The deterministic ML-DSA-65 signature (3309 bytes) of {@code message}, empty context. */
    public Bytes sign(Bytes message) {
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, privateKey); // no SecureRandom: FIPS 204 deterministic signing, rnd = 0^32
        byte[] m = message.toByteArray();
        signer.update(m, 0, m.length);
        try {
            return Bytes.of(signer.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("ML-DSA signing failed", e);
        }
    }

    /** The signature of {@code payload.encode()}. */
    public Bytes sign(TransactionPayload payload) {
        return sign(payload.encode());
    }

    @Override
    public String toString() {
        return "SpendingKey[redacted]";
    }
}
