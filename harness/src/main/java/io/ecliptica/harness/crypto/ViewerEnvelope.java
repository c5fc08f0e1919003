package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * Encrypt-to-viewer ({@code docs/privacy.md} §5.3): ML-KEM-768 encapsulation to the viewer's public
 * key with 32 bytes of given randomness, an AES-256-GCM-SIV key derived from the shared secret,
 * and the payload sealed under it.
 *
 * <pre>
 * envelope = 0x01 || ct_kem (1088) || AES-256-GCM-SIV(K_e, nonce = 12 zero bytes, payload, aad = 0x01)
 * K_e      = KDF(shared secret, "ecliptica/envelope-key/v1", ct_kem, 32)
 * </pre>
 *
 * An envelope is 1105 bytes longer than its payload. Same key, payload and randomness: same bytes.
 */
public final class ViewerEnvelope {

    public static final byte VERSION = 0x01;
    public static final int KEM_CIPHERTEXT_LENGTH = 1088;
    public static final int RANDOMNESS_LENGTH = 32;
    /** Bytes added to a payload: version, ML-KEM ciphertext and tag. */
    public static final int OVERHEAD = 1 + KEM_CIPHERTEXT_LENGTH + AesGcmSiv.TAG_LENGTH;

    private static final Bytes ZERO_NONCE = Bytes.of(new byte[AesGcmSiv.NONCE_LENGTH]);
    private static final Bytes AAD = Bytes.of(VERSION);

    private ViewerEnvelope() {}

    /** Seals {@code payload} to {@code recipient} with the ML-KEM encapsulation randomness {@code randomness} (32 bytes). */
    public static Bytes seal(ViewingPublicKey recipient, Bytes payload, Bytes randomness) {
        Encoding.requireLength(randomness, RANDOMNESS_LENGTH, "encapsulation randomness");
        SecretWithEncapsulation kem = MLKEMGenerator.internalGenerateEncapsulated(
                new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, recipient.encoded().toByteArray()),
                randomness.toByteArray());
        Bytes ct = Bytes.of(kem.getEncapsulation());
        Bytes key = envelopeKey(Bytes.of(kem.getSecret()), ct);
        return Bytes.of(VERSION).concat(ct).concat(AesGcmSiv.seal(key, ZERO_NONCE, payload, AAD));
    }

    /**
     * Seals {@code payload} for output {@code position}, the randomness derived from the chain
     * master secret ({@link ChainSecret#encapsulationRandomness}): what every engine's host does.
     */
    public static Bytes seal(ChainSecret master, OutputPosition position, ViewingPublicKey recipient, Bytes payload) {
        return seal(recipient, payload, master.encapsulationRandomness(position, recipient));
    }

    /**
     * Opens an envelope with the viewing key it was sealed to.
     *
     * @throws DecryptionFailedException if it is not a v1 envelope, was sealed to another key, or
     *     any byte was modified
     */
    public static Bytes open(ViewingKey viewer, Bytes envelope) {
        if (envelope.length() < OVERHEAD || envelope.get(0) != VERSION) {
            throw new DecryptionFailedException("envelope");
        }
        Bytes ct = Encoding.slice(envelope, 1, 1 + KEM_CIPHERTEXT_LENGTH);
        Bytes key = envelopeKey(viewer.decapsulate(ct), ct);
        return AesGcmSiv.open(key, ZERO_NONCE, Encoding.slice(envelope, 1 + KEM_CIPHERTEXT_LENGTH, envelope.length()), AAD,
                "envelope");
    }

    /**
     * Opens an envelope with the chain master secret, knowing where it was made and for whom
     * ({@code docs/privacy.md} §5.4): the encapsulation is recomputed from the derived randomness.
     *
     * @throws DecryptionFailedException if it is not the envelope of that position and recipient,
     *     or any byte was modified
     */
    public static Bytes open(ChainSecret master, OutputPosition position, ViewingPublicKey recipient, Bytes envelope) {
        if (envelope.length() < OVERHEAD || envelope.get(0) != VERSION) {
            throw new DecryptionFailedException("envelope");
        }
        SecretWithEncapsulation kem = MLKEMGenerator.internalGenerateEncapsulated(
                new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, recipient.encoded().toByteArray()),
                master.encapsulationRandomness(position, recipient).toByteArray());
        Bytes ct = Encoding.slice(envelope, 1, 1 + KEM_CIPHERTEXT_LENGTH);
        if (!ct.equals(Bytes.of(kem.getEncapsulation()))) {
            throw new DecryptionFailedException("envelope");
        }
        Bytes key = envelopeKey(Bytes.of(kem.getSecret()), ct);
        return AesGcmSiv.open(key, ZERO_NONCE, Encoding.slice(envelope, 1 + KEM_CIPHERTEXT_LENGTH, envelope.length()), AAD,
                "envelope");
    }

    /** The ML-KEM ciphertext inside an envelope (for reports: it reveals nothing about the payload). */
    public static Bytes kemCiphertext(Bytes envelope) {
        if (envelope.length() < OVERHEAD || envelope.get(0) != VERSION) {
            throw new IllegalArgumentException("not an ecliptica-privacy/1 envelope");
        }
        return Encoding.slice(envelope, 1, 1 + KEM_CIPHERTEXT_LENGTH);
    }

    private static Bytes envelopeKey(Bytes sharedSecret, Bytes kemCiphertext) {
        return Kdf.derive(sharedSecret, Domain.ENVELOPE_KEY, kemCiphertext, AesGcmSiv.KEY_LENGTH);
    }
}
