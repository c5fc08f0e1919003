package io.ecliptica.harness.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 through the JDK's {@link MessageDigest}, one digest object per thread, with a per-thread
 * count of computed hashes (tests use it to show that an update costs O(log n) hashes).
 */
final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

    private Sha256() {}

    /** SHA-256(data). */
    static byte[] hash(byte[] data) {
        MessageDigest md = DIGEST.get();
        COUNT.get()[0]++;
        return md.digest(data);
    }

    /** SHA-256(a || b). */
    static byte[] hash(byte[] a, byte[] b) {
        MessageDigest md = DIGEST.get();
        COUNT.get()[0]++;
        md.update(a);
        return md.digest(b);
    }

    /** SHA-256(prefix || a || b), prefix being one byte. */
    static byte[] hash(byte prefix, byte[] a, byte[] b) {
        MessageDigest md = DIGEST.get();
        COUNT.get()[0]++;
        md.update(prefix);
        md.update(a);
        return md.digest(b);
    }

    /** Number of SHA-256 computations this class has done on the calling thread so far. */
    static long count() {
        return COUNT.get()[0];
    }
}
