/**
 * Cryptographic foundation of the privacy layer ({@code docs/privacy.md}, scheme
 * {@code ecliptica-privacy/1}): every derivation is deterministic, so every engine produces the
 * same ciphertexts, envelopes and signatures byte for byte.
 *
 * <ul>
 *   <li>{@link io.ecliptica.harness.crypto.Kdf}: HKDF-SHA-256 with the domain labels of
 *       {@link io.ecliptica.harness.crypto.Domain}.</li>
 *   <li>Encrypted state: {@link io.ecliptica.harness.crypto.ChainSecret} →
 *       {@link io.ecliptica.harness.crypto.StateCipher} (one contract) →
 *       {@link io.ecliptica.harness.crypto.SlotKey} (one storage key, the selective-disclosure key),
 *       AES-256-GCM-SIV with derived nonces, stored as
 *       {@link io.ecliptica.harness.crypto.StateCiphertext}.</li>
 *   <li>Viewing keys (ML-KEM-768): {@link io.ecliptica.harness.crypto.ViewingKey},
 *       {@link io.ecliptica.harness.crypto.ViewingPublicKey},
 *       {@link io.ecliptica.harness.crypto.ViewerEnvelope}.</li>
 *   <li>Spending keys (ML-DSA-65, deterministic signing): {@link io.ecliptica.harness.crypto.SpendingKey},
 *       {@link io.ecliptica.harness.crypto.SpendingPublicKey},
 *       {@link io.ecliptica.harness.crypto.TransactionPayload},
 *       {@link io.ecliptica.harness.crypto.TransactionAuthenticator}.</li>
 *   <li>{@link io.ecliptica.harness.crypto.DecryptionKey}: the key kinds a user can hand to
 *       {@code bin/harness decrypt}, with their text form.</li>
 * </ul>
 *
 * <p>Secrets hygiene: every type that holds a seed, a private key or a symmetric key prints as
 * {@code Type[redacted]}; exception messages never contain key material or plaintext. Secret bytes
 * leave these types only through methods whose names say so ({@code exportText()}, {@code seed()}).
 */
package io.ecliptica.harness.crypto;
