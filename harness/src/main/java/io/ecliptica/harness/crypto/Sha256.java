package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 (FIPS 180-4) of byte strings. */
public final class Sha256 {

    private Sha256() {}

    /** SHA-256 of the concatenation of {@code parts}. */
    public static Bytes digest(Bytes... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (Bytes part : parts) {
            md.update(part.toByteArray());
        }
        return Bytes.of(md.digest());
    }
}
