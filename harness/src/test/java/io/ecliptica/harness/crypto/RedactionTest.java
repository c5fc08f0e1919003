package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Secrets never show up in toString() or exception messages (docs/privacy.md §8.2). */
class RedactionTest {

    static final Bytes MASTER = TestBytes.counting(32, 0x40);
    static final Bytes ADDRESS = TestBytes.filled(32, 0x01);

    static void assertNoSecret(String text, Bytes... secrets) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Bytes s : secrets) {
            String hex = s.toHex().substring(2);
            assertFalse(lower.contains(hex), "secret appears in: " + text);
            // nor any 8-byte window of it
            for (int i = 0; i + 16 <= hex.length(); i += 2) {
                assertFalse(lower.contains(hex.substring(i, i + 16)), "part of a secret appears in: " + text);
            }
        }
    }

    @Test
    void secretHoldersPrintRedacted() {
        ChainSecret master = ChainSecret.of(MASTER);
        StateCipher cipher = master.contract(ADDRESS);
        SlotKey slot = cipher.slot(Bytes.utf8("count"));
        Bytes viewingSeed = TestBytes.counting(64, 0x50);
        ViewingKey viewing = ViewingKey.fromSeed(viewingSeed);
        Bytes spendingSeed = TestBytes.counting(32, 0x90);
        SpendingKey spending = SpendingKey.fromSeed(spendingSeed);
        AccountKeys account = AccountKeys.fromSecret(TestBytes.filled(32, 0x33));

        assertEquals("ChainSecret[redacted]", master.toString());
        assertEquals("StateCipher[redacted]", cipher.toString());
        assertEquals("SlotKey[redacted]", slot.toString());
        assertEquals("ViewingKey[redacted]", viewing.toString());
        assertEquals("SpendingKey[redacted]", spending.toString());
        assertEquals("AccountKeys[address=" + account.address().toHex() + "]", account.toString());

        Bytes slotKey = Bytes.fromHex(slot.exportText().split(":")[3]);
        Bytes contractKey = Bytes.fromHex(cipher.exportText().split(":")[2]);
        for (Object o : List.of(master, cipher, slot, viewing, spending, account, viewing.publicKey(), spending.publicKey(),
                new DecryptionFailedException("state value"))) {
            assertNoSecret(String.valueOf(o), MASTER, contractKey, slotKey, viewingSeed, spendingSeed,
                    account.viewingKey().seed(), account.spendingKey().seed());
        }
        // records that only hold public data may print it
        assertEquals("ViewingPublicKey[sha256=" + viewing.publicKey().fingerprint().toHex() + "]", viewing.publicKey().toString());
    }

    @Test
    void failuresNameNoPlaintextOrKey() {
        StateCipher cipher = StateCipher.forContract(MASTER, ADDRESS);
        Bytes plaintext = Bytes.utf8("top secret balance 1234567");
        Bytes stored = cipher.encrypt(Bytes.utf8("k"), plaintext, new WriteContext(1, 2));
        DecryptionFailedException e = assertThrows(DecryptionFailedException.class,
                () -> cipher.decrypt(Bytes.utf8("other"), stored));
        assertNoSecret(e.getMessage(), plaintext, MASTER);
        assertFalse(e.getMessage().contains("top secret"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ChainSecret.of(TestBytes.counting(31, 0x40)));
        assertNoSecret(bad.getMessage(), TestBytes.counting(31, 0x40));
    }
}
