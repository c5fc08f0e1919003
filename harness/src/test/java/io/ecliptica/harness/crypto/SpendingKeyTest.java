package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spending keys, the signing payload and the host's signature check (docs/privacy.md §6). */
class SpendingKeyTest {

    static final SpendingKey ALICE = SpendingKey.fromSeed(TestBytes.counting(32, 0x80));
    static final SpendingKey BOB = SpendingKey.fromSeed(TestBytes.counting(32, 0x81));
    static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "01");

    static TransactionPayload payload(Bytes from) {
        return new TransactionPayload(1, from, CONTRACT, 0, 100_000_000L, "add", Bytes.EMPTY, List.of(WasmValue.i64(5)));
    }

    @Test
    void payloadLayoutIsByteExact() {
        Bytes from = TestBytes.filled(32, 0xaa);
        TransactionPayload p = new TransactionPayload(0x0102030405060708L, from, CONTRACT, -1, 7, "fé", Bytes.fromHex("0xbeef"),
                List.of(WasmValue.i32(-2), WasmValue.i64(5), WasmValue.f32Bits(0x7fc00000), WasmValue.f64Bits(0x3ff0000000000000L)));
        Bytes expected = Bytes.utf8("ecliptica/tx/v1").concat(Bytes.fromHex("0x00"))
                .concat(Bytes.fromHex("0x0102030405060708"))
                .concat(from).concat(CONTRACT)
                .concat(Bytes.fromHex("0xffffffffffffffff"))
                .concat(Bytes.fromHex("0x0000000000000007"))
                .concat(Bytes.fromHex("0x0003")).concat(Bytes.fromHex("0x66c3a9"))
                .concat(Bytes.fromHex("0x00000002beef"))
                .concat(Bytes.fromHex("0x0004"))
                .concat(Bytes.fromHex("0x7ffffffffe"))
                .concat(Bytes.fromHex("0x7e0000000000000005"))
                .concat(Bytes.fromHex("0x7d7fc00000"))
                .concat(Bytes.fromHex("0x7c3ff0000000000000"));
        assertEquals(expected, p.encode());
    }

    @Test
    void signsDeterministicallyAndVerifies() {
        Bytes message = payload(ALICE.address()).encode();
        Bytes sig = ALICE.sign(message);
        assertEquals(SpendingPublicKey.SIGNATURE_LENGTH, sig.length());
        assertEquals(sig, ALICE.sign(message));
        assertEquals(sig, SpendingKey.fromSeed(TestBytes.counting(32, 0x80)).sign(payload(ALICE.address())));
        assertTrue(ALICE.publicKey().verify(message, sig));
        assertEquals(SpendingPublicKey.LENGTH, ALICE.publicKey().encoded().length());
    }

    @Test
    void everyFlippedSignatureBitAtSampledPositionsIsRejected() {
        Bytes message = payload(ALICE.address()).encode();
        Bytes sig = ALICE.sign(message);
        for (int i = 0; i < sig.length(); i += 7) {
            assertFalse(ALICE.publicKey().verify(message, TestBytes.flipBit(sig, 8 * i + (i % 8))), "byte " + i);
        }
        assertFalse(ALICE.publicKey().verify(message, TestBytes.head(sig, sig.length() - 1)));
        assertFalse(ALICE.publicKey().verify(message, sig.concat(Bytes.of((byte) 0))));
        assertFalse(ALICE.publicKey().verify(message, Bytes.EMPTY));
        assertFalse(ALICE.publicKey().verify(message, TestBytes.filled(SpendingPublicKey.SIGNATURE_LENGTH, 0)));
    }

    @Test
    void aChangedPayloadOrAnotherKeyIsRejected() {
        Bytes message = payload(ALICE.address()).encode();
        Bytes sig = ALICE.sign(message);
        for (int bit = 0; bit < message.length() * 8; bit += 13) {
            assertFalse(ALICE.publicKey().verify(TestBytes.flipBit(message, bit), sig), "bit " + bit);
        }
        assertFalse(BOB.publicKey().verify(message, sig));
    }

    @Test
    void authenticatorChecksKeyThenSignerThenSignature() {
        TransactionPayload p = payload(ALICE.address());
        Bytes sig = ALICE.sign(p);
        assertEquals(new Authentication.Accepted(ALICE.address()), TransactionAuthenticator.check(p, ALICE.publicKey().encoded(), sig));
        assertTrue(TransactionAuthenticator.check(p, ALICE.publicKey().encoded(), sig).accepted());

        assertEquals(rejected(Authentication.Reason.MALFORMED_PUBLIC_KEY),
                TransactionAuthenticator.check(p, TestBytes.head(ALICE.publicKey().encoded(), 100), Bytes.EMPTY));
        // Bob's key does not hash to Alice's address, even with Bob's valid signature over the payload
        assertEquals(rejected(Authentication.Reason.SIGNER_MISMATCH),
                TransactionAuthenticator.check(p, BOB.publicKey().encoded(), BOB.sign(p)));
        assertEquals(rejected(Authentication.Reason.BAD_SIGNATURE),
                TransactionAuthenticator.check(p, ALICE.publicKey().encoded(), TestBytes.flipBit(sig, 100)));
        // a signed transaction replayed with another field changed
        TransactionPayload moreGas = new TransactionPayload(1, ALICE.address(), CONTRACT, 0, 100_000_001L, "add", Bytes.EMPTY,
                List.of(WasmValue.i64(5)));
        TransactionPayload otherChain = new TransactionPayload(2, ALICE.address(), CONTRACT, 0, 100_000_000L, "add", Bytes.EMPTY,
                List.of(WasmValue.i64(5)));
        TransactionPayload otherArg = new TransactionPayload(1, ALICE.address(), CONTRACT, 0, 100_000_000L, "add", Bytes.EMPTY,
                List.of(WasmValue.i64(6)));
        for (TransactionPayload q : List.of(moreGas, otherChain, otherArg)) {
            assertEquals(rejected(Authentication.Reason.BAD_SIGNATURE), TransactionAuthenticator.check(q, ALICE.publicKey().encoded(), sig));
        }
        assertEquals("bad_signature", Authentication.Reason.BAD_SIGNATURE.rejectionClass());
        assertInstanceOf(Authentication.Rejected.class, TransactionAuthenticator.check(p, ALICE.publicKey().encoded(), Bytes.EMPTY));
    }

    @Test
    void addressIsTheHashOfTheLabelledPublicKey() {
        assertEquals(Sha256.digest(Bytes.utf8("ecliptica/address/v1"), Bytes.of((byte) 0), ALICE.publicKey().encoded()), ALICE.address());
    }

    @Test
    void lengthsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SpendingKey.fromSeed(TestBytes.filled(64, 0)));
        assertThrows(IllegalArgumentException.class, () -> new SpendingPublicKey(TestBytes.filled(1951, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> new TransactionPayload(1, Bytes.fromHex("0x01"), CONTRACT, 0, 0, "f", Bytes.EMPTY, List.of()));
    }

    static Authentication rejected(Authentication.Reason reason) {
        return new Authentication.Rejected(reason);
    }
}
