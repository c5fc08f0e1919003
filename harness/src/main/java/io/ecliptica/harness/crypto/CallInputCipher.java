package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.nio.ByteBuffer;

/**
 * Seals a cross-contract call's input to the callee (docs/abi.md §6, "Parameters sealed to the
 * callee"): {@code AES-256-GCM-SIV(K_call, 12 zero bytes, input, aad = callee address)} with
 * {@code K_call = KDF(K_c(callee), "ecliptica/call-key/v1", u64be(height) || u32be(txIndex) ||
 * u32be(callIndex), 32)}. Each call has its own key, so the fixed nonce is never reused under one
 * key; deterministic, so every engine records the same bytes.
 */
public final class CallInputCipher {

    private CallInputCipher() {
    }

    public static Bytes seal(ChainSecret master, Bytes callee, long height, int txIndex, int callIndex, Bytes input) {
        return AesGcmSiv.seal(key(master, callee, height, txIndex, callIndex), zeroNonce(), input, callee);
    }

    /** @throws DecryptionFailedException the bytes were not sealed for this call */
    public static Bytes open(ChainSecret master, Bytes callee, long height, int txIndex, int callIndex, Bytes sealed) {
        return AesGcmSiv.open(key(master, callee, height, txIndex, callIndex), zeroNonce(), sealed, callee, "call input");
    }

    static Bytes key(ChainSecret master, Bytes callee, long height, int txIndex, int callIndex) {
        Encoding.requireLength(callee, StateCipher.ADDRESS_LENGTH, "callee address");
        Bytes contractKey = Kdf.derive(master.secret(), Domain.STATE_KEY, callee, 32);
        Bytes context = Bytes.of(ByteBuffer.allocate(16).putLong(height).putInt(txIndex).putInt(callIndex).array());
        return Kdf.derive(contractKey, Domain.CALL_KEY, context, 32);
    }

    private static Bytes zeroNonce() {
        return Bytes.of(new byte[AesGcmSiv.NONCE_LENGTH]);
    }
}
