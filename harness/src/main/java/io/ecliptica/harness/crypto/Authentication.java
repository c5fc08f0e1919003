package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/** The outcome of checking a transaction's signature ({@link TransactionAuthenticator}). */
public sealed interface Authentication {

    /** The signature is valid and the key belongs to the transaction's {@code from} address. */
    record Accepted(Bytes signer) implements Authentication {}

    /** The transaction must be rejected, deterministically, before execution. */
    record Rejected(Reason reason) implements Authentication {}

    /** Why a transaction is rejected; checked in this order. */
    enum Reason {
        /** The public key is not 1952 bytes. */
        MALFORMED_PUBLIC_KEY("malformed_public_key"),
        /** SHA-256("ecliptica/address/v1" || 0x00 || pk) is not the transaction's {@code from}. */
        SIGNER_MISMATCH("signer_mismatch"),
        /** The signature is not 3309 bytes or does not verify over the signing payload. */
        BAD_SIGNATURE("bad_signature");

        private final String rejectionClass;

        Reason(String rejectionClass) {
            this.rejectionClass = rejectionClass;
        }

        /** Suggested receipt class (status {@code invalid}). */
        public String rejectionClass() {
            return rejectionClass;
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
