package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * An ML-KEM-768 encapsulation key (FIPS 203), 1184 bytes: the public half of a {@link ViewingKey}.
 * The constructor performs the FIPS 203 §7.2 encapsulation-key check (every 12-bit coefficient of
 * the first 1152 bytes is below q = 3329), so an invalid key is rejected the same way everywhere.
 *
 * @param encoded the 1184-byte encapsulation key {@code ek}
 */
public record ViewingPublicKey(Bytes encoded) {

    public static final int LENGTH = 1184;
    private static final int Q = 3329;

    public ViewingPublicKey {
        Encoding.requireLength(encoded, LENGTH, "ML-KEM-768 public key");
        for (int i = 0; i < 1152; i += 3) {
            int b0 = encoded.get(i) & 0xff;
            int b1 = encoded.get(i + 1) & 0xff;
            int b2 = encoded.get(i + 2) & 0xff;
            if ((b0 | (b1 & 0x0f) << 8) >= Q || (b1 >> 4 | b2 << 4) >= Q) {
                throw new IllegalArgumentException("not a valid ML-KEM-768 public key: coefficient out of range at byte " + i);
            }
        }
    }

    /** SHA-256 of the encoded key: its fingerprint in derivations, documents and reports. */
    public Bytes fingerprint() {
        return Sha256.digest(encoded);
    }

    @Override
    public String toString() {
        return "ViewingPublicKey[sha256=" + fingerprint().toHex() + "]";
    }
}
