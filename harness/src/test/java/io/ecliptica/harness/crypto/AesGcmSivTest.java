package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecliptica.harness.state.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** AEAD_AES_256_GCM_SIV against RFC 8452 Appendix C.2 (values copied from the RFC text). */
class AesGcmSivTest {

    static final Bytes KEY = Bytes.fromHex("0x0100000000000000000000000000000000000000000000000000000000000000");
    static final Bytes NONCE = Bytes.fromHex("0x030000000000000000000000");

    @ParameterizedTest(name = "RFC 8452 C.2: {0}-byte AAD, plaintext {1}")
    @CsvSource({
        "0x, 0x, 0x07f5f4169bbf55a8400cd47ea6fd400f",
        "0x, 0x0100000000000000, 0xc2ef328e5c71c83b843122130f7364b761e0b97427e3df28",
        "0x, 0x010000000000000000000000, 0x9aab2aeb3faa0a34aea8e2b18ca50da9ae6559e48fd10f6e5c9ca17e",
        "0x, 0x01000000000000000000000000000000, 0x85a01b63025ba19b7fd3ddfc033b3e76c9eac6fa700942702e90862383c6c366",
        "0x, 0x0100000000000000000000000000000002000000000000000000000000000000, "
                + "0x4a6a9db4c8c6549201b9edb53006cba821ec9cf850948a7c86c68ac7539d027fe819e63abcd020b006a976397632eb5d",
        "0x01, 0x0200000000000000, 0x1de22967237a813291213f267e3b452f02d01ae33e4ec854",
        "0x01, 0x020000000000000000000000, 0x163d6f9cc1b346cd453a2e4cc1a4a19ae800941ccdc57cc8413c277f",
        "0x01, 0x02000000000000000000000000000000, 0xc91545823cc24f17dbb0e9e807d5ec17b292d28ff61189e8e49f3875ef91aff7",
    })
    void rfc8452Vectors(String aad, String plaintext, String result) {
        Bytes sealed = AesGcmSiv.seal(KEY, NONCE, Bytes.fromHex(plaintext), Bytes.fromHex(aad));
        assertEquals(Bytes.fromHex(result), sealed);
        assertEquals(Bytes.fromHex(plaintext), AesGcmSiv.open(KEY, NONCE, sealed, Bytes.fromHex(aad), "test"));
    }

    @Test
    void everyFlippedBitOfCiphertextOrTagIsRejected() {
        Bytes sealed = AesGcmSiv.seal(KEY, NONCE, Bytes.fromHex("0x0200000000000000"), Bytes.fromHex("0x01"));
        for (int i = 0; i < sealed.length() * 8; i++) {
            Bytes tampered = TestBytes.flipBit(sealed, i);
            assertThrows(DecryptionFailedException.class, () -> AesGcmSiv.open(KEY, NONCE, tampered, Bytes.fromHex("0x01"), "t"));
        }
    }

    @Test
    void wrongAadNonceOrKeyIsRejected() {
        Bytes sealed = AesGcmSiv.seal(KEY, NONCE, Bytes.fromHex("0x0200000000000000"), Bytes.fromHex("0x01"));
        assertThrows(DecryptionFailedException.class, () -> AesGcmSiv.open(KEY, NONCE, sealed, Bytes.fromHex("0x00"), "t"));
        assertThrows(DecryptionFailedException.class, () -> AesGcmSiv.open(KEY, NONCE, sealed, Bytes.EMPTY, "t"));
        assertThrows(DecryptionFailedException.class,
                () -> AesGcmSiv.open(KEY, TestBytes.flipBit(NONCE, 0), sealed, Bytes.fromHex("0x01"), "t"));
        assertThrows(DecryptionFailedException.class,
                () -> AesGcmSiv.open(TestBytes.flipBit(KEY, 255), NONCE, sealed, Bytes.fromHex("0x01"), "t"));
        assertThrows(DecryptionFailedException.class,
                () -> AesGcmSiv.open(KEY, NONCE, Bytes.fromHex("0x07f5f4169bbf55a8400cd47ea6fd40"), Bytes.EMPTY, "t"));
    }

    @Test
    void badKeyOrNonceLengthIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> AesGcmSiv.seal(Bytes.of(new byte[16]), NONCE, Bytes.EMPTY, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> AesGcmSiv.seal(KEY, Bytes.of(new byte[16]), Bytes.EMPTY, Bytes.EMPTY));
    }
}
