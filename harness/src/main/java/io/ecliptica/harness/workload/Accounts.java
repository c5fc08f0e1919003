package io.ecliptica.harness.workload;

import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import java.nio.charset.StandardCharsets;

/**
 * The externally owned accounts of a generated chain: account i has address
 * SHA-256("ecliptica-chain/account/" || u32be(i)), and is drawn by Zipf rank (account 0 hottest).
 */
public final class Accounts {
    private final Bytes[] addresses;
    private final Zipf zipf;

    public Accounts(int count, double exponent) {
        addresses = new Bytes[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = address(i);
        }
        zipf = new Zipf(count, exponent);
    }

    public static Bytes address(int i) {
        byte[] prefix = "ecliptica-chain/account/".getBytes(StandardCharsets.US_ASCII);
        byte[] in = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, in, 0, prefix.length);
        in[prefix.length] = (byte) (i >>> 24);
        in[prefix.length + 1] = (byte) (i >>> 16);
        in[prefix.length + 2] = (byte) (i >>> 8);
        in[prefix.length + 3] = (byte) i;
        return StateRootScheme.sha256(Bytes.of(in));
    }

    /** A contract's address: SHA-256("ecliptica-chain/contract/" || name). */
    public static Bytes contract(String name) {
        return StateRootScheme.sha256(Bytes.utf8("ecliptica-chain/contract/" + name));
    }

    public int count() {
        return addresses.length;
    }

    public Bytes get(int i) {
        return addresses[i];
    }

    /** An account drawn by Zipf rank. */
    public int draw(Rng rng) {
        return zipf.sample(rng);
    }
}
