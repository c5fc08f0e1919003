package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as used for code hashes and provenance hashes. */
public final class Hashing {
    private Hashing() {
    }

    public static Bytes sha256(byte[] data) {
        try {
            return Bytes.of(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
