package io.ecliptica.harness.crypto;

/**
 * A ciphertext, envelope or key could not be opened: it was tampered with, truncated, of an unknown
 * version, bound to another contract or storage key, or the key is not the right one. The scheme
 * deliberately does not say which: the message names only what was being opened, never key
 * material or plaintext.
 */
public final class DecryptionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecryptionFailedException(String what) {
        super("cannot decrypt " + what + ": wrong key, or the data was modified or is malformed");
    }
}
