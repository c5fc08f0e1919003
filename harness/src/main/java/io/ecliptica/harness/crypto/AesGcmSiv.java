package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AEAD_AES_256_GCM_SIV (RFC 8452): 32-byte key, 12-byte nonce, 16-byte tag appended to the
 * ciphertext. Nonce-misuse resistant: encrypting twice under the same key and nonce reveals only
 * whether the two (plaintext, AAD) pairs were equal.
 */
public final class AesGcmSiv {

    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private AesGcmSiv() {}

    /** {@code ciphertext || tag}, as long as the plaintext plus 16 bytes. */
    public static Bytes seal(Bytes key, Bytes nonce, Bytes plaintext, Bytes aad) {
        GCMSIVBlockCipher cipher = init(true, key, nonce, aad);
        byte[] in = plaintext.toByteArray();
        byte[] out = new byte[cipher.getOutputSize(in.length)];
        int n = cipher.processBytes(in, 0, in.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM-SIV encryption failed", e);
        }
        return Bytes.of(out, 0, n);
    }

    /**
     * The plaintext of {@code ciphertext || tag}.
     *
     * @throws DecryptionFailedException if the tag does not verify (wrong key, nonce or AAD, or any
     *     modified byte) or the input is shorter than a tag
     */
    public static Bytes open(Bytes key, Bytes nonce, Bytes sealed, Bytes aad, String what) {
        if (sealed.length() < TAG_LENGTH) {
            throw new DecryptionFailedException(what);
        }
        GCMSIVBlockCipher cipher = init(false, key, nonce, aad);
        byte[] in = sealed.toByteArray();
        byte[] out = new byte[cipher.getOutputSize(in.length)];
        try {
            int n = cipher.processBytes(in, 0, in.length, out, 0);
            n += cipher.doFinal(out, n);
            return Bytes.of(out, 0, n);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new DecryptionFailedException(what);
        }
    }

    private static GCMSIVBlockCipher init(boolean encrypt, Bytes key, Bytes nonce, Bytes aad) {
        if (key.length() != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM-SIV key must be 32 bytes, got " + key.length());
        }
        if (nonce.length() != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-GCM-SIV nonce must be 12 bytes, got " + nonce.length());
        }
        GCMSIVBlockCipher cipher = new GCMSIVBlockCipher(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key.toByteArray()), TAG_LENGTH * 8,
                nonce.toByteArray(), aad.toByteArray()));
        return cipher;
    }
}
