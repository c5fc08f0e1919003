package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA-256 (RFC 5869) and the scheme's single derivation function
 * {@code KDF(ikm, domain, context, L) = HKDF(salt = empty, ikm, info = label || 0x00 || context, L)}
 * ({@code docs/privacy.md} §2). An empty salt is, per RFC 5869 §2.2, 32 zero bytes.
 */
public final class Kdf {

    /** Largest output of HKDF-SHA-256: 255 blocks of 32 bytes. */
    public static final int MAX_LENGTH = 255 * 32;

    private Kdf() {}

    /** RFC 5869 HKDF-SHA-256 (extract then expand); {@code salt} empty means 32 zero bytes. */
    public static Bytes hkdf(Bytes salt, Bytes ikm, Bytes info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA-256 output length must be 0.." + MAX_LENGTH + ", got " + length);
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(SHA256Digest.newInstance());
        generator.init(new HKDFParameters(ikm.toByteArray(), salt.isEmpty() ? null : salt.toByteArray(), info.toByteArray()));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return Bytes.of(out);
    }

    /** RFC 5869 HKDF-Extract with SHA-256: the 32-byte pseudorandom key (tests and docs only). */
    public static Bytes extract(Bytes salt, Bytes ikm) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(SHA256Digest.newInstance());
        return Bytes.of(generator.extractPRK(salt.isEmpty() ? null : salt.toByteArray(), ikm.toByteArray()));
    }

    /** {@code KDF(ikm, domain, context, length)}: HKDF-SHA-256 with an empty salt and a labelled info. */
    public static Bytes derive(Bytes ikm, Domain domain, Bytes context, int length) {
        return hkdf(Bytes.EMPTY, ikm, domain.with(context), length);
    }
}
