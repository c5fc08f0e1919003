package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * docs/abi.md §6, "Parameters sealed to the callee": the call key derived here with the JDK's
 * HMAC-SHA-256 straight from RFC 5869 and the labels of the document, not through {@link Kdf}.
 */
class CallInputCipherTest {
    private static final ChainSecret MASTER = ChainSecret.of(Bytes.fromHex("0x" + "5a".repeat(32)));
    private static final Bytes CALLEE = Bytes.fromHex("0x" + "00".repeat(31) + "a2");
    private static final Bytes INPUT = Bytes.utf8("transfer 10");

    /** HKDF-SHA-256 with an empty salt (32 zero bytes) and a 32-byte output: one expand block. */
    private static byte[] hkdf32(byte[] ikm, byte[] info) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] info(String label, byte[] context) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(l.length + 1 + context.length).put(l).put((byte) 0).put(context).array();
    }

    @Test
    void theCallKeyIsDerivedFromTheCalleesStateKeyAndTheCallsPlace() throws Exception {
        byte[] kc = hkdf32(Bytes.fromHex("0x" + "5a".repeat(32)).toByteArray(), info("ecliptica/state-key/v1", CALLEE.toByteArray()));
        byte[] place = ByteBuffer.allocate(16).putLong(7).putInt(3).putInt(2).array();
        byte[] kcall = hkdf32(kc, info("ecliptica/call-key/v1", place));
        Bytes expected = AesGcmSiv.seal(Bytes.of(kcall), Bytes.of(new byte[12]), INPUT, CALLEE);
        assertEquals(expected, CallInputCipher.seal(MASTER, CALLEE, 7, 3, 2, INPUT));
        assertEquals(INPUT.length() + AesGcmSiv.TAG_LENGTH, expected.length());
    }

    @Test
    void onlyTheSameCallOpensIt() {
        Bytes sealed = CallInputCipher.seal(MASTER, CALLEE, 7, 3, 2, INPUT);
        assertEquals(INPUT, CallInputCipher.open(MASTER, CALLEE, 7, 3, 2, sealed));
        assertThrows(DecryptionFailedException.class, () -> CallInputCipher.open(MASTER, CALLEE, 7, 3, 1, sealed));
        Bytes other = Bytes.fromHex("0x" + "00".repeat(31) + "a3");
        assertThrows(DecryptionFailedException.class, () -> CallInputCipher.open(MASTER, other, 7, 3, 2, sealed));
        assertNotEquals(sealed, CallInputCipher.seal(MASTER, CALLEE, 7, 3, 3, INPUT), "each call has its own key");
    }
}
