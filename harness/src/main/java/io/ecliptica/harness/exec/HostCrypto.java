package io.ecliptica.harness.exec;

import io.ecliptica.harness.crypto.Authentication;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.TransactionAuthenticator;
import io.ecliptica.harness.crypto.TransactionPayload;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.crypto.WriteContext;
import io.ecliptica.harness.state.Bytes;

/**
 * The host's cryptography on a private chain (docs/privacy.md §10), behind one interface so that
 * a test can give one engine's host a deliberately wrong implementation and show that the report
 * tells a host-crypto divergence (ciphertexts differ, plaintexts agree) from an engine divergence.
 * {@link #STANDARD} is the only implementation outside tests.
 */
public interface HostCrypto {

    Authentication authenticate(TransactionPayload payload, Bytes publicKey, Bytes signature);

    /** The stored form of a value written by the transaction at {@code at} (§3.5). */
    Bytes encryptValue(ChainSecret master, Bytes contract, Bytes storageKey, Bytes plaintext, WriteContext at);

    /** The plaintext of a stored value; throws DecryptionFailedException if it does not open. */
    Bytes decryptValue(ChainSecret master, Bytes contract, Bytes storageKey, Bytes stored);

    /** An envelope sealing {@code payload} to {@code recipient} at {@code position} (§5). */
    Bytes seal(ChainSecret master, OutputPosition position, ViewingPublicKey recipient, Bytes payload);

    HostCrypto STANDARD = new HostCrypto() {
        @Override
        public Authentication authenticate(TransactionPayload payload, Bytes publicKey, Bytes signature) {
            return TransactionAuthenticator.check(payload, publicKey, signature);
        }

        @Override
        public Bytes encryptValue(ChainSecret master, Bytes contract, Bytes storageKey, Bytes plaintext, WriteContext at) {
            return master.contract(contract).encrypt(storageKey, plaintext, at);
        }

        @Override
        public Bytes decryptValue(ChainSecret master, Bytes contract, Bytes storageKey, Bytes stored) {
            return master.contract(contract).decrypt(storageKey, stored);
        }

        @Override
        public Bytes seal(ChainSecret master, OutputPosition position, ViewingPublicKey recipient, Bytes payload) {
            return ViewerEnvelope.seal(master, position, recipient, payload);
        }

        @Override
        public String toString() {
            return "HostCrypto.STANDARD";
        }
    };
}
