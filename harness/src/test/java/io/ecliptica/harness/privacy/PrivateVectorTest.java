package io.ecliptica.harness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.cli.Main;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.Authentication;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionKey;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.SlotKey;
import io.ecliptica.harness.crypto.TransactionPayload;
import io.ecliptica.harness.crypto.ViewingKey;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.crypto.WriteContext;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.HostCrypto;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.report.TextReport;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.Finding;
import io.ecliptica.harness.runner.VectorFiller;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.Vector;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private vector end to end on real engines: filling, the fixture's contents, divergence notes
 * (plaintext or only ciphertext), what each kind of key reveals, and {@code harness decrypt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateVectorTest {
    private static final ChainSecret MASTER = ChainSecret.of(Bytes.fromHex("0x" + "42".repeat(32)));
    private static final AccountKeys ALICE = AccountKeys.fromSecret(Bytes.fromHex("0x" + "a1".repeat(32)));
    private static final AccountKeys BOB = AccountKeys.fromSecret(Bytes.fromHex("0x" + "b0".repeat(32)));
    private static final Bytes NOTES = Bytes.fromHex("0x" + "00".repeat(31) + "a1");
    private static final Bytes HELLO = Bytes.utf8("hello");

    @TempDir
    Path dir;
    private Path filler;
    private Path fixture;

    @BeforeAll
    void fill(@TempDir Path out) throws Exception {
        filler = Path.of(PrivateVectorTest.class.getResource("/private/notes.json").toURI());
        fixture = out.resolve("notes.json");
        try (DifferentialRunner runner = runner(HostCrypto.STANDARD, HostCrypto.STANDARD)) {
            VectorFiller.Outcome o = VectorFiller.fill(VectorReader.read(filler, Profiles.DEFAULT), fixture, runner);
            assertTrue(Files.exists(fixture), String.valueOf(o));
        }
    }

    private static DifferentialRunner runner(HostCrypto a, HostCrypto b) throws Exception {
        EngineRegistry registry = EngineRegistry.discover();
        EngineExecutor.Limits limits = new EngineExecutor.Limits(Duration.ofSeconds(10), Duration.ofSeconds(60));
        return new DifferentialRunner(List.of(
                new EngineExecutor(registry.provider("chicory-interpreter").orElseThrow().create(), limits, a),
                new EngineExecutor(registry.provider("chicory-compiler").orElseThrow().create(), limits, b)), Profiles::byId);
    }

    private VectorVerdict runFiller(HostCrypto second) throws Exception {
        try (DifferentialRunner runner = runner(HostCrypto.STANDARD, second)) {
            return runner.run(VectorReader.read(filler, Profiles.DEFAULT));
        }
    }

    @Test
    void theFixtureVerifiesAndHoldsNoAccountSecret() throws Exception {
        String text = Files.readString(fixture);
        for (String secret : List.of("a1".repeat(32), "b0".repeat(32),
                ALICE.viewingKey().seed().toHex().substring(2), BOB.spendingKey().seed().toHex().substring(2))) {
            assertFalse(text.contains(secret), "the fixture must not contain account secrets or seeds");
        }
        // the transaction's input is public (docs/privacy.md §3.8); what it wrote, returned and emitted is not
        String expectations = text.substring(text.indexOf("\"expect\""));
        assertFalse(expectations.replace("\"input\": \"0x68656c6c6f\"", "").contains(HELLO.toHex().substring(2)),
                "no plaintext of a write, output or event");
        assertTrue(text.contains("\"scheme\" : \"ecliptica-privacy/1\"") || text.contains("\"scheme\": \"ecliptica-privacy/1\""));
        try (DifferentialRunner runner = runner(HostCrypto.STANDARD, HostCrypto.STANDARD)) {
            VectorVerdict v = runner.run(VectorReader.read(fixture, Profiles.DEFAULT));
            assertTrue(v.passed(), String.valueOf(v.findings()));
        }
    }

    @Test
    void aHostThatSealsAtTheWrongPositionIsNamedAsTheHostsCryptography() throws Exception {
        HostCrypto shifted = new Delegating() {
            @Override
            public Bytes seal(ChainSecret master, OutputPosition p, ViewingPublicKey to, Bytes payload) {
                return HostCrypto.STANDARD.seal(master, new OutputPosition(p.height(), p.txIndex(), p.outputIndex() + 7), to, payload);
            }
        };
        VectorVerdict v = runFiller(shifted);
        Finding.Divergence d = assertInstanceOf(Finding.Divergence.class, v.findings().get(0));
        assertEquals("output", d.at().field());
        assertEquals(0, d.at().tx());
        assertEquals("the ciphertext of chicory-compiler does not open with the chain's keys at this position: the host's "
                + "cryptography differs, not (only) the engine", d.note());
        String report = print(v);
        assertTrue(report.contains("privacy: the ciphertext of chicory-compiler does not open"), report);
        assertFalse(report.contains(Bytes.utf8("genesis").toHex().substring(2)), "the report shows no plaintext");
    }

    @Test
    void anEngineThatComputesAnotherValueDivergesInPlaintext() throws Exception {
        HostCrypto altered = new Delegating() {
            @Override
            public Bytes seal(ChainSecret master, OutputPosition p, ViewingPublicKey to, Bytes payload) {
                // stands for an engine whose contract produced one more byte
                return HostCrypto.STANDARD.seal(master, p, to, payload.concat(Bytes.of((byte) 0)));
            }
        };
        Finding.Divergence d = assertInstanceOf(Finding.Divergence.class, runFiller(altered).findings().get(0));
        assertEquals("the plaintexts differ too: the engines computed different values", d.note());
    }

    @Test
    void aWriteEncryptedWithTheWrongNonceIsACiphertextOnlyDivergence() throws Exception {
        HostCrypto wrongNonce = new Delegating() {
            @Override
            public Bytes encryptValue(ChainSecret master, Bytes contract, Bytes key, Bytes plaintext, WriteContext at) {
                return HostCrypto.STANDARD.encryptValue(master, contract, key, plaintext, new WriteContext(at.height(), at.txIndex() + 1));
            }
        };
        Finding.Divergence d = assertInstanceOf(Finding.Divergence.class, runFiller(wrongNonce).findings().get(0));
        assertEquals("writes", d.at().field());
        assertTrue(d.note().startsWith("plaintexts agree"), d.note());
    }

    @Test
    void eachKeyRevealsWhatItCoversAndNothingElse() throws Exception {
        Vector v = VectorReader.read(fixture, Profiles.DEFAULT);
        Disclosure.Result alice = Disclosure.of(v, ALICE.viewingKey(), Disclosure.Filter.ALL);
        assertEquals(List.of("block 5 tx 0 output", "block 5 tx 1 output", "block 5 tx 1 event 0 (topic 0x6e6f746564)"),
                alice.revealed().stream().map(Disclosure.Item::where).toList());
        assertEquals(List.of(Bytes.utf8("genesis"), Bytes.EMPTY, HELLO),
                alice.revealed().stream().map(i -> i.plaintext().orElseThrow()).toList());
        assertTrue(alice.failed().isEmpty());
        Disclosure.Result bob = Disclosure.of(v, BOB.viewingKey(), Disclosure.Filter.ALL);
        assertEquals(List.of(HELLO), bob.revealed().stream().map(i -> i.plaintext().orElseThrow()).toList());

        Disclosure.Result master = Disclosure.of(v, MASTER, Disclosure.Filter.ALL);
        assertEquals(master.examined(), master.revealed().size(), "the master secret opens everything");
        assertEquals(6, master.examined(), "genesis value, a write, three outputs, one event");

        SlotKey slot = MASTER.contract(NOTES).slot(Bytes.utf8("note"));
        Disclosure.Result one = Disclosure.of(v, slot, Disclosure.Filter.ALL);
        assertEquals(List.of(Bytes.utf8("genesis"), HELLO), one.revealed().stream().map(i -> i.plaintext().orElseThrow()).toList());
        SlotKey other = MASTER.contract(NOTES).slot(Bytes.utf8("other"));
        assertTrue(Disclosure.of(v, other, Disclosure.Filter.ALL).revealed().isEmpty());

        // a master secret of another chain covers every state value and opens none of them
        Disclosure.Result wrong = Disclosure.of(v, ChainSecret.of(Bytes.fromHex("0x" + "43".repeat(32))), Disclosure.Filter.ALL);
        assertTrue(wrong.revealed().isEmpty());
        assertEquals(6, wrong.failed().size());
    }

    @Test
    void decryptCommandReadsWithTheRightKeyAndFailsCleanlyOtherwise() throws Exception {
        Run ok = decrypt("--key", ALICE.viewingKey().exportText(), "--block", "5", "--tx", "1");
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("block 5 tx 1 event 0 (topic 0x6e6f746564): 0x68656c6c6f  \"hello\""), ok.out);
        assertFalse(ok.out.contains("tx 0"), "filtered to tx 1");

        Path keyFile = dir.resolve("key.txt");
        Files.writeString(keyFile, MASTER.exportText() + "\n", StandardCharsets.UTF_8);
        Run fromFile = decrypt("--key-file", keyFile.toString(), "--contract", "notes", "--slot", "0x6e6f7465");
        assertEquals(0, fromFile.code, fromFile.err);
        assertEquals(3, fromFile.out.lines().count(), fromFile.out);

        ViewingKey carol = AccountKeys.fromSecret(Bytes.fromHex("0x" + "c3".repeat(32))).viewingKey();
        Run wrong = decrypt("--key", carol.exportText());
        assertEquals(1, wrong.code);
        assertTrue(wrong.err.contains("the key opens none of the 6 encrypted values"), wrong.err);
        assertFalse(wrong.out.contains("0x"), "nothing printed");

        String badKey = "viewing:" + "zz".repeat(64);
        Run bad = decrypt("--key", badKey);
        assertEquals(2, bad.code);
        assertEquals(1, bad.err.lines().count(), bad.err);
        assertFalse(bad.err.contains("zz"), "an error never repeats the key text");
    }

    @Test
    void discloseDerivesASlotKeyThatReadsOnlyThatSlot() throws Exception {
        Path keyFile = dir.resolve("master.txt");
        Files.writeString(keyFile, MASTER.exportText(), StandardCharsets.UTF_8);
        Run derived = run("disclose", "--key-file", keyFile.toString(), "--contract", NOTES.toHex(), "--slot", "0x6e6f7465");
        assertEquals(0, derived.code, derived.err);
        String slotKey = derived.out.strip();
        assertEquals(MASTER.contract(NOTES).slot(Bytes.utf8("note")).exportText(), slotKey);
        Run read = decrypt("--key", slotKey);
        assertEquals(0, read.code, read.err);
        assertTrue(read.out.contains("genesis notes key 0x6e6f7465: 0x67656e65736973  \"genesis\""), read.out);
        assertTrue(read.out.contains("2 of 6 encrypted values opened with this slot key"), read.out);

        Run contractKey = run("disclose", "--key-file", keyFile.toString(), "--contract", NOTES.toHex());
        assertEquals(MASTER.contract(NOTES).exportText(), contractKey.out.strip());
        Run narrower = run("disclose", "--key", slotKey, "--contract", NOTES.toHex());
        assertEquals(2, narrower.code);
        assertFalse(narrower.err.contains(slotKey.substring(slotKey.lastIndexOf(':') + 3)), "no key material in errors");
    }

    @Test
    void aTamperedStoredValueInAFixtureIsRejectedWhenRead() throws Exception {
        String text = Files.readString(fixture);
        String stored = VectorReader.read(fixture, Profiles.DEFAULT).contracts().get(0).storage().values().iterator().next()
                .toHex();
        String flipped = stored.substring(0, stored.length() - 1) + (stored.endsWith("0") ? "1" : "0");
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, text.replace(stored, flipped), StandardCharsets.UTF_8);
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> VectorReader.read(tampered, Profiles.DEFAULT));
        assertTrue(e.getMessage().contains("does not decrypt under the vector's master secret"), e.getMessage());
    }

    private record Run(int code, String out, String err) {
    }

    private Run decrypt(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "decrypt";
        all[1] = fixture.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    private static Run run(String... all) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String print(VectorVerdict v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new TextReport(new PrintStream(b, true, StandardCharsets.UTF_8), true).vector("notes", v);
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The standard host crypto with one method overridden by each test. */
    private abstract static class Delegating implements HostCrypto {
        @Override
        public Authentication authenticate(TransactionPayload payload, Bytes publicKey, Bytes signature) {
            return HostCrypto.STANDARD.authenticate(payload, publicKey, signature);
        }

        @Override
        public Bytes encryptValue(ChainSecret master, Bytes contract, Bytes key, Bytes plaintext, WriteContext at) {
            return HostCrypto.STANDARD.encryptValue(master, contract, key, plaintext, at);
        }

        @Override
        public Bytes decryptValue(ChainSecret master, Bytes contract, Bytes key, Bytes stored) {
            return HostCrypto.STANDARD.decryptValue(master, contract, key, stored);
        }

        @Override
        public Bytes seal(ChainSecret master, OutputPosition position, ViewingPublicKey recipient, Bytes payload) {
            return HostCrypto.STANDARD.seal(master, position, recipient, payload);
        }
    }
}
