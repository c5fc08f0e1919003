package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Optional;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

/**
 * An ML-KEM-768 viewing key pair ({@code docs/privacy.md} §5.1), given by its 64-byte seed
 * {@code d || z} (FIPS 203 ML-KEM.KeyGen_internal(d, z)). Its holder opens the
 * {@link ViewerEnvelope}s sealed to {@link #publicKey()}. BouncyCastle, the JDK 25 {@code ML-KEM}
 * provider and {@code @noble/post-quantum} derive the same public key from the same seed. Prints as
 * {@code ViewingKey[redacted]}.
 */
public final class ViewingKey implements DecryptionKey {

    public static final int SEED_LENGTH = 64;

    private final Bytes seed;
    private final MLKEMPrivateKeyParameters privateKey;
    private final ViewingPublicKey publicKey;

    private ViewingKey(Bytes seed) {
        this.seed = seed;
        this.privateKey = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed.toByteArray());
        this.publicKey = new ViewingPublicKey(Bytes.of(privateKey.getPublicKey()));
    }

    /** The key pair of the 64-byte seed {@code d || z}. */
    public static ViewingKey fromSeed(Bytes seed) {
        Encoding.requireLength(seed, SEED_LENGTH, "ML-KEM-768 seed");
        return new ViewingKey(seed);
    }

    public ViewingPublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte seed: secret, for key export only. */
    public Bytes seed() {
        return seed;
    }

    /** ML-KEM-768 decapsulation of a 1088-byte ciphertext (implicit rejection: a bad one gives a pseudorandom secret). */
    Bytes decapsulate(Bytes kemCiphertext) {
        return Bytes.of(new MLKEMExtractor(privateKey).extractSecret(kemCiphertext.toByteArray()));
    }

    @Override
    public Optional<Bytes> tryOpenEnvelope(Bytes envelope) {
        return Optional.of(ViewerEnvelope.open(this, envelope));
    }

    @Override
    public String exportText() {
        return "viewing:" + seed.toHex();
    }

    @Override
    public String toString() {
        return "ViewingKey[redacted]";
    }
}
