package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Viewing keys and encrypt-to-viewer envelopes (docs/privacy.md §5). */
class ViewerEnvelopeTest {

    static final ChainSecret MASTER = ChainSecret.of(TestBytes.counting(32, 0));
    static final ViewingKey VIEWER = ViewingKey.fromSeed(TestBytes.counting(64, 0));
    static final ViewingKey STRANGER = ViewingKey.fromSeed(TestBytes.counting(64, 1));
    static final Bytes PAYLOAD = Bytes.utf8("hello, viewer");
    static final Bytes RANDOMNESS = TestBytes.filled(32, 7);

    @Test
    void sealAndOpen() {
        for (int len : new int[] {0, 1, 16, 1000, 65536}) {
            Bytes payload = TestBytes.counting(len, 3);
            Bytes envelope = ViewerEnvelope.seal(VIEWER.publicKey(), payload, RANDOMNESS);
            assertEquals(len + ViewerEnvelope.OVERHEAD, envelope.length());
            assertEquals(payload, ViewerEnvelope.open(VIEWER, envelope));
        }
    }

    @Test
    void deterministicAndBoundToThePosition() {
        OutputPosition at = OutputPosition.returnData(1, 0);
        Bytes a = ViewerEnvelope.seal(MASTER, at, VIEWER.publicKey(), PAYLOAD);
        assertEquals(a, ViewerEnvelope.seal(MASTER, at, ViewingKey.fromSeed(TestBytes.counting(64, 0)).publicKey(), PAYLOAD));
        assertEquals(a, ViewerEnvelope.seal(VIEWER.publicKey(), PAYLOAD, MASTER.encapsulationRandomness(at, VIEWER.publicKey())));
        Set<Bytes> kems = new HashSet<>();
        for (OutputPosition p : new OutputPosition[] {at, OutputPosition.event(1, 0, 0), OutputPosition.returnData(1, 1),
                OutputPosition.returnData(2, 0), new OutputPosition(-1, 0xFFFF_FFFFL, 0xFFFF_FFFFL)}) {
            kems.add(ViewerEnvelope.kemCiphertext(ViewerEnvelope.seal(MASTER, p, VIEWER.publicKey(), PAYLOAD)));
        }
        assertEquals(5, kems.size());
        // another recipient at the same position gets other randomness
        assertNotEquals(MASTER.encapsulationRandomness(at, VIEWER.publicKey()), MASTER.encapsulationRandomness(at, STRANGER.publicKey()));
        assertEquals(1, OutputPosition.event(5, 6, 0).outputIndex());
    }

    @Test
    void aNonHolderCannotOpen() {
        Bytes envelope = ViewerEnvelope.seal(VIEWER.publicKey(), PAYLOAD, RANDOMNESS);
        assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(STRANGER, envelope));
    }

    @Test
    void everyFlippedBitIsRejected() {
        Bytes envelope = ViewerEnvelope.seal(VIEWER.publicKey(), Bytes.utf8("x"), RANDOMNESS);
        // one bit in every byte (version, ML-KEM ciphertext, sealed part, tag), all bits of the first and last bytes
        for (int i = 0; i < envelope.length(); i++) {
            Bytes tampered = TestBytes.flipBit(envelope, 8 * i + (i % 8));
            assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(VIEWER, tampered), "byte " + i);
        }
        for (int bit : new int[] {0, 1, 2, 3, 4, 5, 6, 7}) {
            assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(VIEWER, TestBytes.flipBit(envelope, bit)));
            int last = 8 * (envelope.length() - 1) + bit;
            assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(VIEWER, TestBytes.flipBit(envelope, last)));
        }
    }

    @Test
    void truncatedOrExtendedEnvelopesAreRejected() {
        Bytes envelope = ViewerEnvelope.seal(VIEWER.publicKey(), Bytes.utf8("xyz"), RANDOMNESS);
        for (int n : new int[] {0, 1, 1088, 1089, 1104, envelope.length() - 1}) {
            Bytes cut = TestBytes.head(envelope, n);
            assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(VIEWER, cut), "length " + n);
        }
        assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(VIEWER, envelope.concat(Bytes.of((byte) 0))));
    }

    @Test
    void invalidPublicKeysAreRejected() {
        Bytes good = VIEWER.publicKey().encoded();
        assertThrows(IllegalArgumentException.class, () -> new ViewingPublicKey(TestBytes.head(good, 1183)));
        // first coefficient = 0xfff >= q
        byte[] bad = good.toByteArray();
        bad[0] = (byte) 0xff;
        bad[1] = (byte) (bad[1] | 0x0f);
        assertThrows(IllegalArgumentException.class, () -> new ViewingPublicKey(Bytes.of(bad)));
        // coefficient exactly q = 3329 = 0xd01 in the second slot of a triple: b1 high nibble 1, b2 = 0xd0
        byte[] atQ = good.toByteArray();
        atQ[1] = (byte) ((atQ[1] & 0x0f) | 0x10);
        atQ[2] = (byte) 0xd0;
        assertThrows(IllegalArgumentException.class, () -> new ViewingPublicKey(Bytes.of(atQ)));
        // q - 1 is fine; so are the 32 bytes of rho, whatever they are
        atQ[1] = (byte) (atQ[1] & 0x0f);
        atQ[2] = (byte) 0xd0; // 0xd00 = 3328
        new ViewingPublicKey(Bytes.of(atQ));
        byte[] rho = good.toByteArray();
        java.util.Arrays.fill(rho, 1152, 1184, (byte) 0xff);
        new ViewingPublicKey(Bytes.of(rho));
    }

    @Test
    void randomnessAndSeedLengthsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ViewerEnvelope.seal(VIEWER.publicKey(), PAYLOAD, TestBytes.filled(31, 0)));
        assertThrows(IllegalArgumentException.class, () -> ViewingKey.fromSeed(TestBytes.filled(32, 0)));
    }
}
