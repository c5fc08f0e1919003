package io.ecliptica.harness.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Key sets for randomized tests, including keys whose SHA-256 paths share long prefixes. */
final class KeyPools {

    private KeyPools() {}

    /**
     * {@code count} distinct keys ("p" + 4-byte counter, scanning from {@code start}) whose paths
     * all begin with the same {@code bits} bits as the path of the first key found.
     */
    static List<Bytes> sharedPathPrefix(int bits, int count, int start) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        List<Bytes> out = new ArrayList<>();
        byte[] target = null;
        for (int i = start; out.size() < count; i++) {
            byte[] key = {'p', (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            byte[] path = md.digest(key);
            if (target == null) {
                target = path;
                out.add(Bytes.of(key));
            } else if (sharesPrefix(target, path, bits)) {
                out.add(Bytes.of(key));
            }
        }
        return out;
    }

    static boolean sharesPrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            if (ReferenceModel.bit(a, i) != ReferenceModel.bit(b, i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A mixed pool: the empty key, 1-byte keys, keys that are byte-prefixes of each other, long
     * keys up to the 256-byte limit, random keys, and two groups of keys whose paths share 16 and
     * 10 leading bits.
     */
    static List<Bytes> mixed(Random random) {
        List<Bytes> pool = new ArrayList<>();
        pool.add(Bytes.EMPTY);
        for (int i = 0; i < 8; i++) {
            pool.add(Bytes.of((byte) i));
        }
        pool.add(Bytes.utf8("a"));
        pool.add(Bytes.utf8("ab"));
        pool.add(Bytes.utf8("abc"));
        pool.add(Bytes.of(new byte[StateRootScheme.MAX_KEY_LENGTH]));
        pool.add(Bytes.of(new byte[StateRootScheme.MAX_KEY_LENGTH - 1]));
        for (int i = 0; i < 12; i++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            pool.add(Bytes.of(key));
        }
        pool.addAll(sharedPathPrefix(16, 4, random.nextInt(1 << 20)));
        pool.addAll(sharedPathPrefix(10, 8, random.nextInt(1 << 20)));
        return pool.stream().distinct().toList();
    }

    static Bytes randomValue(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return Bytes.EMPTY;
        }
        byte[] value = new byte[kind == 1 ? 1 + random.nextInt(300) : 1 + random.nextInt(8)];
        random.nextBytes(value);
        return Bytes.of(value);
    }
}
