package io.ecliptica.harness.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionFailedException;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.SlotKey;
import io.ecliptica.harness.crypto.StateCiphertext;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.crypto.WriteContext;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.text.Wat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/privacy.md §10 and docs/gas.md §14 through the executor on a real engine: admission, state
 * encryption, sealed outputs, the privacy host calls and their gas. Expected ciphertexts come from
 * the crypto library (cross-checked against an independent implementation in the crypto tests);
 * what is tested here is that execution puts the right inputs (positions, keys, nonces) into it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateExecutionTest {
    private static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "09");
    private static final ChainSecret MASTER = ChainSecret.of(Bytes.fromHex("0x" + "42".repeat(32)));
    private static final AccountKeys ALICE = AccountKeys.fromSecret(Bytes.fromHex("0x" + "a1".repeat(32)));
    private static final AccountKeys BOB = AccountKeys.fromSecret(Bytes.fromHex("0x" + "b0".repeat(32)));
    private static final long CHAIN = 7;
    private static final long HEIGHT = 12;
    private static final int INDEX = 3;
    private static final Bytes KEY = Bytes.utf8("bal");
    private static final Bytes VALUE = Bytes.utf8("secret-100");

    private static final String WAT = """
            (module
              (import "ecliptica" "storage_write" (func $write (param i32 i32 i32 i32)))
              (import "ecliptica" "storage_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "ecliptica" "return_data" (func $ret (param i32 i32)))
              (import "ecliptica" "emit_event" (func $event (param i32 i32 i32 i32)))
              (import "ecliptica" "revert" (func $revert (param i32 i32)))
              (import "ecliptica" "input_size" (func $input_size (result i32)))
              (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
              (import "ecliptica" "crypto_seal_to_caller" (func $seal (param i32 i32 i32)))
              (import "ecliptica" "crypto_ml_dsa_65_verify" (func $verify (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "bal")
              (data (i32.const 16) "secret-100")
              (data (i32.const 32) "topic")
              (func (export "store") (call $write (i32.const 0) (i32.const 3) (i32.const 16) (i32.const 10)))
              (func (export "load") (local $n i32)
                (local.set $n (call $read (i32.const 0) (i32.const 3) (i32.const 256) (i32.const 64)))
                (call $ret (i32.const 256) (local.get $n)))
              (func (export "emit")
                (call $event (i32.const 32) (i32.const 5) (i32.const 16) (i32.const 10))
                (call $event (i32.const 32) (i32.const 5) (i32.const 16) (i32.const 3))
                (call $ret (i32.const 16) (i32.const 10)))
              (func (export "fail") (call $revert (i32.const 16) (i32.const 10)))
              (func (export "seal")
                (call $seal (i32.const 16) (i32.const 10) (i32.const 1024))
                (call $seal (i32.const 16) (i32.const 3) (i32.const 4096))
                (call $ret (i32.const 1024) (i32.const 1115)))
              ;; input = public key (1952) || signature (3309) || message
              (func (export "verify") (result i32)
                (call $input_read (i32.const 8192) (i32.const 0) (call $input_size))
                (call $verify (i32.const 8192) (i32.const 13453) (i32.sub (call $input_size) (i32.const 5261)) (i32.const 10144))))
            """;

    private EngineExecutor executor;
    private CodeStore code;
    private WorldState pre;
    private final PreparedModules metered = new PreparedModules(Profiles.byId("ecliptica-v1"));
    private final Privacy privacy = privacy(MASTER);

    private static Privacy privacy(ChainSecret master) {
        TreeMap<Bytes, ViewingPublicKey> viewers = new TreeMap<>();
        viewers.put(ALICE.address(), ALICE.viewingKey().publicKey());
        viewers.put(BOB.address(), BOB.viewingKey().publicKey());
        return new Privacy(CHAIN, master, viewers);
    }

    @BeforeAll
    void start() throws Exception {
        executor = new EngineExecutor(EngineRegistry.discover().provider("chicory-interpreter").orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        byte[] wasm = Wat.toWasm(WAT, "private.wat");
        code = CodeStore.empty().with(wasm);
        pre = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm));
    }

    @AfterAll
    void stop() {
        executor.close();
    }

    private Transaction signed(AccountKeys signer, String function, Bytes input, long gasLimit) {
        Transaction tx = new Transaction(signer.address(), CONTRACT, function, input, List.of(), gasLimit);
        Bytes sig = signer.spendingKey().sign(tx.payload(CHAIN, 5));
        return tx.withAuth(new TxAuth(5, signer.spendingKey().publicKey().encoded(), sig));
    }

    private Execution.Completed run(WorldState state, Transaction tx, Optional<Privacy> p) {
        Execution e = executor.execute(metered, state, code, new TxContext(new BlockHeader(HEIGHT, 99), INDEX, p), tx, false);
        return assertInstanceOf(Execution.Completed.class, e);
    }

    private Execution.Completed runPrivate(Transaction tx) {
        return run(pre, tx, Optional.of(privacy));
    }

    /** The same call on a plaintext chain: the wasm's own gas, and the plaintext outputs. */
    private CallResult plain(String function) {
        return run(pre, new Transaction(ALICE.address(), CONTRACT, function, Bytes.EMPTY, List.of(), 10_000_000), Optional.empty())
                .result();
    }

    @Test
    void writesAreStoredEncryptedUnderTheSlotKeyWithTheNonceOfTheirPosition() {
        Execution.Completed c = runPrivate(signed(ALICE, "store", Bytes.EMPTY, 10_000_000));
        assertEquals(Status.OK, c.result().status(), c.result().diagnostic());
        StorageWrite w = c.result().writes().get(0);
        Bytes stored = w.value().orElseThrow();
        assertEquals(c.post().storageValue(CONTRACT, KEY).orElseThrow(), stored, "the state holds what the result shows");
        assertEquals(VALUE.length() + StateCiphertext.OVERHEAD, stored.length());
        SlotKey slot = MASTER.contract(CONTRACT).slot(KEY);
        assertEquals(VALUE, slot.decrypt(stored));
        assertEquals(slot.nonce(new WriteContext(HEIGHT, INDEX)), StateCiphertext.parse(stored).nonce());
        // the root commits to the ciphertext, so it differs from the plaintext chain's
        assertNotEquals(plain("store").stateRoot(), c.result().stateRoot());
        assertEquals(pre.withStorage(CONTRACT, KEY, stored).stateRoot(), c.result().stateRoot());
    }

    @Test
    void readsSeePlaintextAndTheOutputIsSealedToTheSender() {
        WorldState stored = runPrivate(signed(ALICE, "store", Bytes.EMPTY, 10_000_000)).post();
        CallResult r = run(stored, signed(ALICE, "load", Bytes.EMPTY, 10_000_000), Optional.of(privacy)).result();
        assertEquals(Status.OK, r.status(), r.diagnostic());
        assertEquals(VALUE, ViewerEnvelope.open(ALICE.viewingKey(), r.output()));
        assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(BOB.viewingKey(), r.output()));
        assertEquals(ViewerEnvelope.seal(MASTER, OutputPosition.returnData(HEIGHT, INDEX), ALICE.viewingKey().publicKey(), VALUE),
                r.output());
    }

    @Test
    void eventDataIsSealedAtItsOwnPositionTopicsStayClear() {
        CallResult r = runPrivate(signed(BOB, "emit", Bytes.EMPTY, 10_000_000)).result();
        assertEquals(2, r.events().size());
        assertEquals(Bytes.utf8("topic"), r.events().get(0).topic());
        for (int i = 0; i < 2; i++) {
            Bytes expected = i == 0 ? VALUE : Bytes.utf8("sec");
            assertEquals(ViewerEnvelope.seal(MASTER, OutputPosition.event(HEIGHT, INDEX, i), BOB.viewingKey().publicKey(), expected),
                    r.events().get(i).data());
        }
    }

    @Test
    void aRevertMessageIsSealedAndNothingIsWritten() {
        Execution.Completed c = runPrivate(signed(ALICE, "fail", Bytes.EMPTY, 10_000_000));
        assertEquals(Status.REVERT, c.result().status());
        assertEquals(VALUE, ViewerEnvelope.open(ALICE.viewingKey(), c.result().output()));
        assertEquals(pre.stateRoot(), c.post().stateRoot());
    }

    @Test
    void gasIsTheCallsOwnPlusTheSignatureCheckPlusTheDocumentedPrivacyWork() {
        // docs/gas.md §14: 250,000 intrinsic; 100,000 + 10/byte per envelope; 5,000 + 10/byte per encrypted value
        long store = plain("store").gasUsed();
        assertEquals(store + 250_000 + (100_000) + (5_000 + 10 * 10),
                runPrivate(signed(ALICE, "store", Bytes.EMPTY, 10_000_000)).result().gasUsed());
        long emit = plain("emit").gasUsed();
        assertEquals(emit + 250_000 + (100_000 + 10 * 10) + (100_000 + 10 * 10) + (100_000 + 10 * 3),
                runPrivate(signed(ALICE, "emit", Bytes.EMPTY, 10_000_000)).result().gasUsed());
        long fail = plain("fail").gasUsed();
        assertEquals(fail + 250_000 + (100_000 + 10 * 10),
                runPrivate(signed(ALICE, "fail", Bytes.EMPTY, 10_000_000)).result().gasUsed());
    }

    @Test
    void privacyWorkThatDoesNotFitIsOutOfGasAndRollsBack() {
        long need = plain("store").gasUsed() + 250_000 + 100_000 + 5_000 + 10 * 10;
        CallResult exact = runPrivate(signed(ALICE, "store", Bytes.EMPTY, need)).result();
        assertEquals(Status.OK, exact.status());
        Execution.Completed short1 = runPrivate(signed(ALICE, "store", Bytes.EMPTY, need - 1));
        assertEquals(Status.TRAP, short1.result().status());
        assertEquals("out_of_gas", short1.result().errorClass());
        assertEquals(need - 1, short1.result().gasUsed());
        assertEquals(pre.stateRoot(), short1.post().stateRoot());
        assertTrue(short1.result().writes().isEmpty() && short1.result().output().isEmpty());
    }

    @Test
    void admissionRejectsInTheDocumentedOrder() {
        Transaction good = signed(ALICE, "store", Bytes.EMPTY, 10_000_000);
        TxAuth auth = good.auth().orElseThrow();
        assertRejected("unsigned_transaction", new Transaction(good.from(), good.to(), good.function(), good.input(),
                good.args(), good.gasLimit()));
        assertRejected("malformed_public_key", good.withAuth(new TxAuth(5, Bytes.of(new byte[10]), auth.signature())));
        assertRejected("signer_mismatch", good.withAuth(new TxAuth(5, BOB.spendingKey().publicKey().encoded(), auth.signature())));
        assertRejected("bad_signature", good.withAuth(new TxAuth(6, auth.publicKey(), auth.signature())));
        byte[] flipped = auth.signature().toByteArray();
        flipped[100] ^= 0x10;
        assertRejected("bad_signature", good.withAuth(new TxAuth(5, auth.publicKey(), Bytes.of(flipped))));
        // the chain id is part of what is signed
        TreeMap<Bytes, ViewingPublicKey> viewers = new TreeMap<>(privacy.viewers());
        Execution.Completed otherChain = run(pre, good, Optional.of(new Privacy(CHAIN + 1, MASTER, viewers)));
        assertEquals("bad_signature", otherChain.result().errorClass());
        viewers.remove(ALICE.address());
        Execution.Completed noViewer = run(pre, good, Optional.of(new Privacy(CHAIN, MASTER, viewers)));
        assertEquals("unknown_viewer", noViewer.result().errorClass());
        assertRejected("intrinsic_gas", signed(ALICE, "store", Bytes.EMPTY, 249_999));
    }

    private void assertRejected(String cls, Transaction tx) {
        Execution.Completed c = runPrivate(tx);
        assertEquals(Status.INVALID, c.result().status());
        assertEquals(cls, c.result().errorClass());
        assertEquals(0, c.result().gasUsed());
        assertEquals(pre.stateRoot(), c.post().stateRoot());
    }

    @Test
    void sealToCallerNumbersItsEnvelopesFromTheExplicitBase() {
        CallResult r = runPrivate(signed(BOB, "seal", Bytes.EMPTY, 10_000_000)).result();
        assertEquals(Status.OK, r.status(), r.diagnostic());
        Bytes inner = ViewerEnvelope.open(BOB.viewingKey(), r.output());
        assertEquals(ViewerEnvelope.seal(MASTER, new OutputPosition(HEIGHT, INDEX, 0x8000_0000L), BOB.viewingKey().publicKey(),
                VALUE), inner);
        assertEquals(VALUE, ViewerEnvelope.open(BOB.viewingKey(), inner));
    }

    @Test
    void sealToCallerOnAPlaintextChainIsAnAbiViolation() {
        CallResult r = plain("seal");
        assertEquals(Status.TRAP, r.status());
        assertEquals("abi_violation", r.errorClass());
    }

    @Test
    void mlDsaVerifyHostCallAcceptsOnlyTheSignedMessage() {
        Bytes message = Bytes.utf8("bid:42");
        Bytes sig = BOB.spendingKey().sign(message);
        Bytes pk = BOB.spendingKey().publicKey().encoded();
        assertEquals(List.of(WasmValue.i32(1)), verify(pk.concat(sig).concat(message)));
        assertEquals(List.of(WasmValue.i32(0)), verify(pk.concat(sig).concat(Bytes.utf8("bid:43"))));
        assertEquals(List.of(WasmValue.i32(0)), verify(ALICE.spendingKey().publicKey().encoded().concat(sig).concat(message)));
    }

    private List<WasmValue> verify(Bytes input) {
        CallResult r = run(pre, new Transaction(ALICE.address(), CONTRACT, "verify", input, List.of(), 10_000_000),
                Optional.empty()).result();
        assertEquals(Status.OK, r.status(), r.diagnostic());
        return r.results();
    }
}
