package io.ecliptica.harness.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.VectorFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainReaderTest {
    private static final Bytes COUNTER = Bytes.fromHex("0x" + "11".repeat(32));
    private static final Bytes ALICE = Bytes.fromHex("0x" + "aa".repeat(32));

    @TempDir
    Path dir;
    private Path chain;
    private List<String> lines;

    /** A valid two-block chain: the counter contract with one genesis storage entry. */
    @BeforeEach
    void writeChain() throws IOException {
        byte[] code = Files.readAllBytes(Path.of("../vectors/contracts/counter/counter.wasm"));
        TreeMap<Bytes, Bytes> storage = new TreeMap<>();
        storage.put(Bytes.utf8("count"), Bytes.fromHex("0x0500000000000000"));
        Bytes genesisRoot = WorldState.empty().withAccount(COUNTER, StateRootScheme.codeHash(code))
                .withStorage(COUNTER, Bytes.utf8("count"), Bytes.fromHex("0x0500000000000000")).stateRoot();
        Bytes r1 = Bytes.fromHex("0x" + "01".repeat(32));
        Bytes r2 = Bytes.fromHex("0x" + "02".repeat(32));
        chain = dir.resolve("c.jsonl");
        try (OutputStream out = Files.newOutputStream(chain); ChainWriter w = new ChainWriter(out)) {
            w.header(new ChainHeader("test", "ecliptica-v1", "ab", "ecliptica-abi/1", "ecliptica-smt/1", "h",
                    Optional.empty(), List.of()));
            w.contract("counter", COUNTER, code, "");
            w.storage(COUNTER, storage);
            w.genesis(genesisRoot);
            Transaction inc = new Transaction(ALICE, COUNTER, "increment", Bytes.EMPTY, List.of(), 1000);
            w.block(new ChainBlock(new BlockHeader(1, 10), List.of(inc, inc),
                    new ChainBlock.Recorded(r1, r1, 7, List.of(r1, r2))));
            w.block(new ChainBlock(new BlockHeader(2, 16), List.of(),
                    new ChainBlock.Recorded(r2, r2, 0, List.of())));
            w.end(2, 2, r2);
        }
        lines = Files.readAllLines(chain, StandardCharsets.UTF_8);
    }

    @Test
    void readsBackWhatWasWritten() throws Exception {
        try (ChainReader r = ChainReader.open(chain)) {
            assertEquals("ecliptica-v1", r.header().profile());
            assertEquals("counter", r.genesis().nameOf(COUNTER));
            assertEquals(Optional.of(Bytes.fromHex("0x0500000000000000")),
                    r.genesis().state().storageValue(COUNTER, Bytes.utf8("count")));
            ChainBlock b1 = r.next().orElseThrow();
            assertEquals(1, b1.height());
            assertEquals(2, b1.transactions().size());
            assertEquals("increment", b1.transactions().get(1).function());
            assertEquals(7, b1.recorded().gasUsed());
            assertEquals(Bytes.fromHex("0x" + "02".repeat(32)), b1.recorded().receipts().get(1));
            assertEquals(2, r.next().orElseThrow().height());
            assertTrue(r.next().isEmpty());
            assertTrue(r.next().isEmpty());
        }
    }

    @Test
    void anUnknownTransactionKeyNamesTheLineAndThePlace() {
        String message = failure(l -> l.startsWith("{\"block\":{\"height\":1")
                ? l.replace("\"gasLimit\":1000", "\"gasLimit\":1000,\"gasPrice\":1") : l);
        assertTrue(message.matches(".*c\\.jsonl:5: block\\.transactions\\[0\\]: unknown key 'gasPrice'.*"), message);
    }

    @Test
    void aFileWithoutItsEndLineIsTruncated() {
        String message = failure(l -> l.startsWith("{\"end\"") ? "" : l);
        assertTrue(message.contains("truncated") && message.contains("no \"end\" line"), message);
    }

    @Test
    void aGenesisRootThatDoesNotMatchItsStorageIsRefused() {
        String message = failure(l -> l.startsWith("{\"storage\"") ? l.replace("0x0500000000000000", "0x0600000000000000") : l);
        assertTrue(message.contains("c.jsonl:4: genesis.stateRoot: does not match"), message);
    }

    @Test
    void blockHeightsMustCountUpByOne() {
        String message = failure(l -> l.startsWith("{\"block\":{\"height\":2") ? l.replace("\"height\":2", "\"height\":3") : l);
        assertTrue(message.contains("expected block height 2"), message);
    }

    @Test
    void eachTransactionHasOneReceiptDigestOf32Bytes() {
        String message = failure(l -> l.replace("\"receipt\":\"0x" + "02".repeat(32) + "\"", "\"receipt\":\"0x02\""));
        assertTrue(message.contains("block.transactions[1].receipt: expected 32 bytes, found 1"), message);
    }

    @Test
    void chainParametersAreRefusedUntilThePrivacyLayerReadsThem() {
        String message = failure(l -> l.startsWith("{\"header\"") ? l.replace("\"format\"", "\"chainParameters\":{},\"format\"") : l);
        assertTrue(message.contains("chain parameters"), message);
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        String message = failure(l -> l.startsWith("{\"block\":{\"height\":2") ? l.substring(0, 20) : l);
        assertTrue(message.matches(".*c\\.jsonl:6:\\d+: invalid JSON: .*"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void anEndLineWithWrongTotalsIsRefused() {
        String message = failure(l -> l.startsWith("{\"end\"") ? l.replace("\"transactions\":2", "\"transactions\":3") : l);
        assertTrue(message.contains("says 3 transactions, the file has 2"), message);
    }

    @Test
    void aFileThatIsNotAChainSaysSo() {
        String message = failure(l -> l.startsWith("{\"header\"") ? "{\"_info\": {}}" : l);
        assertTrue(message.contains("not a chain file"), message);
    }

    /** Rewrites the chain line by line, then reads it to the end and returns the error. */
    private String failure(UnaryOperator<String> edit) {
        List<String> edited = new ArrayList<>();
        for (String l : lines) {
            edited.add(edit.apply(l));
        }
        try {
            Files.write(chain, edited, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> {
            try (ChainReader r = ChainReader.open(chain)) {
                while (r.next().isPresent()) {
                    // read every block
                }
            }
        });
        return e.getMessage();
    }
}
