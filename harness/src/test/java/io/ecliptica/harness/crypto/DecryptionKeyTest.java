package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key kinds of `bin/harness decrypt` (docs/privacy.md §8): text form and scope. */
class DecryptionKeyTest {

    static final ChainSecret MASTER = ChainSecret.of(TestBytes.counting(32, 0));
    static final Bytes A = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    static final Bytes B = Bytes.fromHex("0x" + "00".repeat(31) + "02");
    static final Bytes COUNT = Bytes.utf8("count");
    static final Bytes OWNER = Bytes.utf8("owner");
    static final WriteContext AT = new WriteContext(3, 1);

    /** Exports a key to text and parses it back, as a user handing it over would. */
    @SuppressWarnings("unchecked")
    static <K extends DecryptionKey> K roundTrip(K key) {
        DecryptionKey back = DecryptionKey.parse(key.exportText());
        assertEquals(key.getClass(), back.getClass());
        assertEquals(key.exportText(), back.exportText());
        return (K) back;
    }

    @Test
    void eachKindReadsExactlyItsScope() {
        Bytes aCount = MASTER.contract(A).encrypt(COUNT, Bytes.utf8("1"), AT);
        Bytes aOwner = MASTER.contract(A).encrypt(OWNER, Bytes.utf8("2"), AT);
        Bytes bCount = MASTER.contract(B).encrypt(COUNT, Bytes.utf8("3"), AT);
        ViewingKey viewer = ViewingKey.fromSeed(TestBytes.counting(64, 9));
        Bytes envelope = ViewerEnvelope.seal(MASTER, OutputPosition.returnData(3, 1), viewer.publicKey(), Bytes.utf8("4"));

        DecryptionKey master = roundTrip(MASTER);
        DecryptionKey contract = roundTrip(MASTER.contract(A));
        DecryptionKey slot = roundTrip(MASTER.contract(A).slot(COUNT));
        DecryptionKey viewing = roundTrip(viewer);

        assertEquals(Optional.of(Bytes.utf8("1")), master.tryDecryptState(A, COUNT, aCount));
        assertEquals(Optional.of(Bytes.utf8("2")), master.tryDecryptState(A, OWNER, aOwner));
        assertEquals(Optional.of(Bytes.utf8("3")), master.tryDecryptState(B, COUNT, bCount));
        assertEquals(Optional.empty(), master.tryOpenEnvelope(envelope));

        assertEquals(Optional.of(Bytes.utf8("1")), contract.tryDecryptState(A, COUNT, aCount));
        assertEquals(Optional.of(Bytes.utf8("2")), contract.tryDecryptState(A, OWNER, aOwner));
        assertEquals(Optional.empty(), contract.tryDecryptState(B, COUNT, bCount));

        assertEquals(Optional.of(Bytes.utf8("1")), slot.tryDecryptState(A, COUNT, aCount));
        assertEquals(Optional.empty(), slot.tryDecryptState(A, OWNER, aOwner));
        assertEquals(Optional.empty(), slot.tryDecryptState(B, COUNT, bCount));

        assertEquals(Optional.empty(), viewing.tryDecryptState(A, COUNT, aCount));
        assertEquals(Optional.of(Bytes.utf8("4")), viewing.tryOpenEnvelope(envelope));

        // in scope but tampered: an error, not "not mine"
        assertThrows(DecryptionFailedException.class, () -> slot.tryDecryptState(A, COUNT, TestBytes.flipBit(aCount, 200)));
        assertThrows(DecryptionFailedException.class,
                () -> ViewingKey.fromSeed(TestBytes.counting(64, 10)).tryOpenEnvelope(envelope));
    }

    @Test
    void textForms() {
        assertEquals("master:0x" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", MASTER.exportText());
        assertInstanceOf(ChainSecret.class, DecryptionKey.parse("MASTER:" + "11".repeat(32)));
        assertInstanceOf(SlotKey.class, DecryptionKey.parse("slot:" + A.toHex() + ":0x:" + "22".repeat(32)));
        assertEquals(Bytes.EMPTY, ((SlotKey) DecryptionKey.parse("slot:" + A.toHex() + ":0x:" + "22".repeat(32))).storageKey());
    }

    @Test
    void malformedKeysAreRejectedWithoutEchoingThem() {
        String secretish = "deadbeef".repeat(8);
        for (String text : List.of("", "master", "master:" + secretish + "00", "master:" + secretish + ":x", "viewing:" + secretish,
                "contract:" + secretish, "slot:" + A.toHex() + ":zz:" + secretish, "nope:" + secretish, "master:" + secretish.substring(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecryptionKey.parse(text), text);
            assertEquals(false, e.getMessage().contains("deadbeef"), e.getMessage());
        }
    }
}
