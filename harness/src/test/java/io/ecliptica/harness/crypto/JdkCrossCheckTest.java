package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.state.Bytes;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.crypto.KEM;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A second, independent ML-KEM-768 and ML-DSA-65 implementation, the JDK's own (SunJCE, JDK 24+),
 * must give the same bytes as BouncyCastle: public keys from the same seeds, ML-KEM ciphertexts
 * and shared secrets from the same randomness, ML-DSA deterministic signatures. The JDK takes its
 * seeds and randomness from a SecureRandom; {@link Scripted} hands out fixed bytes and records the
 * sizes asked for. Skipped (not failed) only on a JDK without these algorithms (before 24).
 */
class JdkCrossCheckTest {

    /** X.509 SubjectPublicKeyInfo header of an ML-KEM-768 key (OID 2.16.840.1.101.3.4.4.2) before the 1184 key bytes. */
    static final Bytes ML_KEM_768_SPKI_PREFIX = Bytes.fromHex("0x308204b2300b0609608648016503040402038204a100");
    /** X.509 header of an ML-DSA-65 key (OID 2.16.840.1.101.3.4.3.18) before the 1952 key bytes. */
    static final Bytes ML_DSA_65_SPKI_PREFIX = Bytes.fromHex("0x308207b2300b0609608648016503040312038207a100");

    /** A SecureRandom that returns the scripted bytes in order and records each request's size. */
    static final class Scripted extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] data;
        private int position;
        final List<Integer> requests = new ArrayList<>();

        Scripted(Bytes data) {
            this.data = data.toByteArray();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            requests.add(bytes.length);
            if (position + bytes.length > data.length) {
                throw new AssertionError("the provider asked for more randomness than scripted: " + requests);
            }
            System.arraycopy(data, position, bytes, 0, bytes.length);
            position += bytes.length;
        }

        boolean exhausted() {
            return position == data.length;
        }
    }

    static void requireJdkAlgorithm(String name) {
        try {
            KeyPairGenerator.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            Assumptions.abort("this JDK (" + Runtime.version() + ") has no " + name + " (JDK 24+ does)");
        }
    }

    static Bytes rawKey(PublicKey key, Bytes spkiPrefix) {
        Bytes spki = Bytes.of(key.getEncoded());
        assertEquals(spkiPrefix, TestBytes.head(spki, spkiPrefix.length()));
        return TestBytes.tail(spki, spki.length() - spkiPrefix.length());
    }

    static KeyPair jdkMlKem(Bytes seed) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-KEM");
        Scripted random = new Scripted(seed);
        generator.initialize(new NamedParameterSpec("ML-KEM-768"), random);
        KeyPair pair = generator.generateKeyPair();
        assertEquals(List.of(32, 32), random.requests, "ML-KEM key generation asks for d then z");
        assertTrue(random.exhausted());
        return pair;
    }

    @Test
    void mlKem768MatchesBouncyCastle() throws Exception {
        requireJdkAlgorithm("ML-KEM");
        KEM kem = KEM.getInstance("ML-KEM");
        KeyFactory factory = KeyFactory.getInstance("ML-KEM");
        Random random = new Random(2025);
        for (int round = 0; round < 6; round++) {
            Bytes seed = round == 0 ? TestBytes.counting(64, 0) : TestBytes.random(random, 64);
            Bytes m = round == 0 ? TestBytes.filled(32, 7) : TestBytes.random(random, 32);
            ViewingKey bc = ViewingKey.fromSeed(seed);
            KeyPair jdk = jdkMlKem(seed);

            // same public key from the same seed; the JDK also accepts the BouncyCastle key bytes
            assertEquals(bc.publicKey().encoded(), rawKey(jdk.getPublic(), ML_KEM_768_SPKI_PREFIX));
            PublicKey imported = factory.generatePublic(new X509EncodedKeySpec(
                    ML_KEM_768_SPKI_PREFIX.concat(bc.publicKey().encoded()).toByteArray()));

            // same ciphertext and shared secret from the same randomness
            Scripted encapsRandom = new Scripted(m);
            KEM.Encapsulated jdkEnc = kem.newEncapsulator(imported, encapsRandom).encapsulate();
            assertEquals(List.of(32), encapsRandom.requests, "ML-KEM encapsulation asks for 32 bytes m");
            Bytes envelope = ViewerEnvelope.seal(bc.publicKey(), Bytes.utf8("payload"), m);
            Bytes bcCt = ViewerEnvelope.kemCiphertext(envelope);
            assertEquals(Bytes.of(jdkEnc.encapsulation()), bcCt);
            assertEquals(Bytes.of(jdkEnc.key().getEncoded()), bc.decapsulate(bcCt));

            // each decapsulates the other's ciphertext
            KEM.Decapsulator jdkDec = kem.newDecapsulator(jdk.getPrivate());
            assertArrayEquals(jdkEnc.key().getEncoded(), jdkDec.decapsulate(bcCt.toByteArray()).getEncoded());
            assertEquals(Bytes.of(jdkEnc.key().getEncoded()), bc.decapsulate(Bytes.of(jdkEnc.encapsulation())));

            // an envelope assembled around the JDK's encapsulation is byte-identical to ours
            Bytes key = Kdf.derive(Bytes.of(jdkEnc.key().getEncoded()), Domain.ENVELOPE_KEY, Bytes.of(jdkEnc.encapsulation()), 32);
            Bytes assembled = Bytes.of(ViewerEnvelope.VERSION).concat(Bytes.of(jdkEnc.encapsulation()))
                    .concat(AesGcmSiv.seal(key, Bytes.of(new byte[12]), Bytes.utf8("payload"), Bytes.of(ViewerEnvelope.VERSION)));
            assertEquals(envelope, assembled);
        }
    }

    @Test
    void mlDsa65MatchesBouncyCastle() throws Exception {
        requireJdkAlgorithm("ML-DSA");
        KeyFactory factory = KeyFactory.getInstance("ML-DSA");
        Random random = new Random(204);
        for (int round = 0; round < 3; round++) {
            Bytes seed = round == 0 ? TestBytes.counting(32, 0x80) : TestBytes.random(random, 32);
            SpendingKey bc = SpendingKey.fromSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-DSA");
            Scripted keyRandom = new Scripted(seed);
            generator.initialize(new NamedParameterSpec("ML-DSA-65"), keyRandom);
            KeyPair jdk = generator.generateKeyPair();
            assertEquals(List.of(32), keyRandom.requests, "ML-DSA key generation asks for the 32-byte seed");
            assertEquals(bc.publicKey().encoded(), rawKey(jdk.getPublic(), ML_DSA_65_SPKI_PREFIX));

            Bytes message = SpendingKeyTest.payload(bc.address()).encode();
            Bytes bcSig = bc.sign(message);
            // the JDK signs hedged with 32 bytes rnd from its SecureRandom: zeros make it FIPS 204 deterministic
            Signature signer = Signature.getInstance("ML-DSA");
            Scripted rnd = new Scripted(Bytes.of(new byte[32]));
            signer.initSign(jdk.getPrivate(), rnd);
            signer.update(message.toByteArray());
            assertEquals(bcSig, Bytes.of(signer.sign()));
            assertEquals(List.of(32), rnd.requests);

            Signature verifier = Signature.getInstance("ML-DSA");
            verifier.initVerify(factory.generatePublic(new X509EncodedKeySpec(
                    ML_DSA_65_SPKI_PREFIX.concat(bc.publicKey().encoded()).toByteArray())));
            verifier.update(message.toByteArray());
            assertTrue(verifier.verify(bcSig.toByteArray()));
        }
    }
}
