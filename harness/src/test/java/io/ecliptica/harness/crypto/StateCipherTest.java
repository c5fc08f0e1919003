package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Encrypted contract state (docs/privacy.md §3, §4): round trips, determinism, tampering, key scope. */
class StateCipherTest {

    static final Bytes MASTER = TestBytes.counting(32, 0);
    static final Bytes ADDRESS = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    static final Bytes OTHER_ADDRESS = Bytes.fromHex("0x" + "00".repeat(31) + "02");
    static final Bytes COUNT = Bytes.utf8("count");
    static final Bytes OWNER = Bytes.utf8("owner");
    static final WriteContext AT_1_0 = new WriteContext(1, 0);

    final StateCipher cipher = StateCipher.forContract(MASTER, ADDRESS);

    @Test
    void roundTripsValuesOfManyLengthsAndKeys() {
        Random random = new Random(7);
        for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 100, 1000, 65536}) {
            Bytes key = TestBytes.random(random, random.nextInt(257));
            Bytes value = TestBytes.random(random, len);
            WriteContext at = new WriteContext(random.nextLong(), random.nextLong() & 0xFFFF_FFFFL);
            Bytes stored = cipher.encrypt(key, value, at);
            assertEquals(len + StateCiphertext.OVERHEAD, stored.length());
            assertEquals(value, cipher.decrypt(key, stored));
        }
        assertEquals(Bytes.EMPTY, cipher.decrypt(Bytes.EMPTY, cipher.encrypt(Bytes.EMPTY, Bytes.EMPTY, AT_1_0)));
    }

    @Test
    void storedLayoutIsVersionNonceSealed() {
        Bytes value = Bytes.fromHex("0x0500000000000000");
        Bytes stored = cipher.encrypt(COUNT, value, AT_1_0);
        SlotKey slot = cipher.slot(COUNT);
        assertEquals(StateCiphertext.VERSION, stored.get(0));
        assertEquals(slot.nonce(AT_1_0), Bytes.of(stored.toByteArray(), 1, 12));
        assertEquals(AesGcmSiv.seal(Kdf.derive(Kdf.derive(MASTER, Domain.STATE_KEY, ADDRESS, 32), Domain.DISCLOSE, COUNT, 32),
                slot.nonce(AT_1_0), value, Domain.STATE_AAD.with(ADDRESS.concat(COUNT))), TestBytes.tail(stored, stored.length() - 13));
    }

    @Test
    void deterministic() {
        Bytes value = Bytes.utf8("same");
        assertEquals(cipher.encrypt(COUNT, value, AT_1_0), cipher.encrypt(COUNT, value, AT_1_0));
        assertEquals(cipher.encrypt(COUNT, value, AT_1_0),
                StateCipher.forContract(ChainSecret.of(MASTER), ADDRESS).encrypt(COUNT, value, new WriteContext(1, 0)));
    }

    @Test
    void theSameValueWrittenAtAnotherPositionLooksUnrelated() {
        Bytes value = Bytes.utf8("same");
        Set<Bytes> seen = new HashSet<>();
        for (long h = 0; h < 5; h++) {
            for (long tx = 0; tx < 5; tx++) {
                assertEquals(true, seen.add(cipher.encrypt(COUNT, value, new WriteContext(h, tx))));
            }
        }
        // the full unsigned ranges are distinct contexts too
        assertNotEquals(cipher.slot(COUNT).nonce(new WriteContext(-1, 0xFFFF_FFFFL)), cipher.slot(COUNT).nonce(new WriteContext(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new WriteContext(0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new WriteContext(0, -1));
    }

    @Test
    void everyFlippedBitOfAStoredValueIsRejected() {
        Bytes stored = cipher.encrypt(COUNT, Bytes.fromHex("0x0500000000000000"), AT_1_0);
        for (int bit = 0; bit < stored.length() * 8; bit++) {
            Bytes tampered = TestBytes.flipBit(stored, bit);
            assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(COUNT, tampered), "bit " + bit);
        }
    }

    @Test
    void truncatedExtendedOrUnknownVersionIsRejected() {
        Bytes stored = cipher.encrypt(COUNT, Bytes.utf8("abc"), AT_1_0);
        for (int n = 0; n < stored.length(); n++) {
            Bytes cut = TestBytes.head(stored, n);
            assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(COUNT, cut), "length " + n);
        }
        assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(COUNT, stored.concat(Bytes.of((byte) 0))));
        byte[] v2 = stored.toByteArray();
        v2[0] = 0x02;
        assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(COUNT, Bytes.of(v2)));
    }

    @Test
    void aValueMovedToAnotherSlotOrContractDoesNotOpen() {
        Bytes stored = cipher.encrypt(COUNT, Bytes.utf8("v"), AT_1_0);
        assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(OWNER, stored));
        assertThrows(DecryptionFailedException.class, () -> StateCipher.forContract(MASTER, OTHER_ADDRESS).decrypt(COUNT, stored));
    }

    @Test
    void anotherChainsMasterSecretCannotDecrypt() {
        Bytes stored = cipher.encrypt(COUNT, Bytes.utf8("secret"), AT_1_0);
        StateCipher stranger = StateCipher.forContract(TestBytes.counting(32, 1), ADDRESS);
        assertThrows(DecryptionFailedException.class, () -> stranger.decrypt(COUNT, stored));
        assertThrows(DecryptionFailedException.class, () -> SlotKey.of(ADDRESS, COUNT, TestBytes.filled(32, 0)).decrypt(stored));
    }

    @Test
    void aDisclosedSlotKeyReadsItsSlotAndNothingElse() {
        Bytes countValue = cipher.encrypt(COUNT, Bytes.utf8("5"), AT_1_0);
        Bytes countLater = cipher.encrypt(COUNT, Bytes.utf8("6"), new WriteContext(9, 4));
        Bytes ownerValue = cipher.encrypt(OWNER, Bytes.utf8("alice"), AT_1_0);
        SlotKey disclosed = DecryptionKeyTest.roundTrip(cipher.slot(COUNT));

        assertEquals(Bytes.utf8("5"), disclosed.decrypt(countValue));
        assertEquals(Bytes.utf8("6"), disclosed.decrypt(countLater));
        assertThrows(DecryptionFailedException.class, () -> disclosed.decrypt(ownerValue));
        // claiming the key belongs to the other slot does not help: the slot key is not that slot's AEAD key
        SlotKey relabelled = SlotKey.of(ADDRESS, OWNER, Bytes.fromHex(disclosed.exportText().split(":")[3]));
        assertThrows(DecryptionFailedException.class, () -> relabelled.decrypt(ownerValue));
        // the same storage key of another contract has an unrelated slot key
        assertNotEquals(disclosed.exportText().split(":")[3],
                StateCipher.forContract(MASTER, OTHER_ADDRESS).slot(COUNT).exportText().split(":")[3]);
    }

    @Test
    void slotKeysOfDistinctStorageKeysAreDistinct() {
        Set<String> keys = new HashSet<>();
        for (Bytes k : new Bytes[] {Bytes.EMPTY, Bytes.of((byte) 0), Bytes.of((byte) 0, (byte) 0), COUNT, OWNER}) {
            keys.add(cipher.slot(k).exportText().split(":")[3]);
        }
        assertEquals(5, keys.size());
    }

    @Test
    void addressAndMasterLengthsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> StateCipher.forContract(MASTER, Bytes.fromHex("0x01")));
        assertThrows(IllegalArgumentException.class, () -> StateCipher.forContract(Bytes.fromHex("0x01"), ADDRESS));
        assertThrows(IllegalArgumentException.class, () -> StateCipher.fromContractKey(ADDRESS, Bytes.fromHex("0x01")));
    }
}
