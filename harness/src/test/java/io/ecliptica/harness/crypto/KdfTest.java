package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HKDF-SHA-256 against RFC 5869 Appendix A, and the labelled derivation of docs/privacy.md §2. */
class KdfTest {

    static final Bytes IKM_22 = Bytes.fromHex("0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

    @Test
    void rfc5869TestCase1() {
        Bytes salt = Bytes.fromHex("0x000102030405060708090a0b0c");
        Bytes info = Bytes.fromHex("0xf0f1f2f3f4f5f6f7f8f9");
        assertEquals(Bytes.fromHex("0x077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"),
                Kdf.extract(salt, IKM_22));
        assertEquals(Bytes.fromHex("0x3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                Kdf.hkdf(salt, IKM_22, info, 42));
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        // the scheme always uses an empty salt: RFC 5869 says it stands for HashLen zero bytes
        assertEquals(Bytes.fromHex("0x19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"),
                Kdf.extract(Bytes.EMPTY, IKM_22));
        assertEquals(Bytes.fromHex("0x8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
                Kdf.hkdf(Bytes.EMPTY, IKM_22, Bytes.EMPTY, 42));
        assertEquals(Kdf.hkdf(Bytes.of(new byte[32]), IKM_22, Bytes.EMPTY, 42), Kdf.hkdf(Bytes.EMPTY, IKM_22, Bytes.EMPTY, 42));
    }

    @Test
    void deriveIsHkdfWithEmptySaltAndLabelledInfo() {
        Bytes ikm = Bytes.fromHex("0x" + "11".repeat(32));
        Bytes ctx = Bytes.fromHex("0xabcd");
        Bytes info = Bytes.utf8("ecliptica/state-key/v1").concat(Bytes.of((byte) 0)).concat(ctx);
        assertEquals(Kdf.hkdf(Bytes.EMPTY, ikm, info, 32), Kdf.derive(ikm, Domain.STATE_KEY, ctx, 32));
    }

    @Test
    void labelsAreDistinctAndFreeOfNul() {
        Set<String> seen = new HashSet<>();
        for (Domain d : Domain.values()) {
            assertEquals(-1, d.label().indexOf('\0'), d.name());
            assertEquals(0, d.prefix().get(d.prefix().length() - 1), d.name());
            assertEquals(d.label().length() + 1, d.prefix().length());
            assertEquals(true, seen.add(d.label()), d.name());
        }
    }

    @Test
    void everyDomainGivesAnIndependentKey() {
        Bytes ikm = Bytes.fromHex("0x" + "22".repeat(32));
        Set<Bytes> outs = new HashSet<>();
        for (Domain d : Domain.values()) {
            outs.add(Kdf.derive(ikm, d, Bytes.EMPTY, 32));
        }
        assertEquals(Domain.values().length, outs.size());
        assertNotEquals(Kdf.derive(ikm, Domain.DISCLOSE, Bytes.fromHex("0x01"), 32),
                Kdf.derive(ikm, Domain.DISCLOSE, Bytes.fromHex("0x0100"), 32));
    }

    @Test
    void outputLengthIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> Kdf.hkdf(Bytes.EMPTY, IKM_22, Bytes.EMPTY, 255 * 32 + 1));
        assertEquals(255 * 32, Kdf.hkdf(Bytes.EMPTY, IKM_22, Bytes.EMPTY, 255 * 32).length());
    }
}
