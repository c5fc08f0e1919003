package io.ecliptica.harness.chain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.JsonCursor;
import io.ecliptica.harness.vector.Provenance;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a chain file (docs/chain-format.md) as a stream: the header and genesis when opened, then
 * one block per {@link #next()}, so a long chain is never held in memory. Strict like the vector
 * reader: every problem is a {@link VectorFormatException} of one line naming the file, the line
 * and the place in it.
 */
public final class ChainReader implements AutoCloseable {
    private static final JsonMapper JSON = VectorReader.JSON;
    private static final Set<String> HEADER_KEYS = Set.of("format", "description", "profile", "costTableHash", "abi",
            "stateRootScheme", "harness", "generator", "recordedBy", "chainParameters");
    private static final Set<String> GENERATOR_KEYS = Set.of("workload", "seed", "blocks", "txsPerBlock", "accounts");
    private static final Set<String> CONTRACT_KEYS = Set.of("name", "address", "code", "codeHash", "source");
    private static final Set<String> BLOCK_KEYS = Set.of("height", "time", "transactions", "expect");
    private static final Set<String> TX_KEYS = Set.of("from", "to", "function", "input", "args", "gasLimit", "receipt");
    private static final Set<String> EXPECT_KEYS = Set.of("stateRoot", "receiptsRoot", "gasUsed");

    private final Path file;
    private final BufferedReader in;
    private final ChainHeader header;
    private final ChainGenesis genesis;
    private long lineNumber;
    private long blocks;
    private long transactions;
    private long lastHeight;
    private long lastTime;
    private Bytes lastRoot;
    private boolean ended;

    private ChainReader(Path file, BufferedReader in) throws VectorFormatException {
        this.file = file;
        this.in = in;
        this.header = readHeader();
        this.genesis = readGenesis();
        this.lastRoot = genesis.state().stateRoot();
    }

    /** Opens {@code file} and reads its header and genesis. */
    public static ChainReader open(Path file) throws VectorFormatException {
        BufferedReader in;
        try {
            in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new VectorFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return new ChainReader(file, in);
        } catch (VectorFormatException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    public ChainHeader header() {
        return header;
    }

    public ChainGenesis genesis() {
        return genesis;
    }

    /** The next block, or empty after the end line (whose totals and root have then been checked). */
    public Optional<ChainBlock> next() throws VectorFormatException {
        if (ended) {
            return Optional.empty();
        }
        JsonCursor line = nextLine();
        if (line == null) {
            throw new VectorFormatException(file + ": truncated after line " + lineNumber
                    + ": no \"end\" line (a complete chain ends with one)");
        }
        String kind = kindOf(line, Set.of("block", "end"));
        if (kind.equals("end")) {
            readEnd(line.get("end"));
            ended = true;
            return Optional.empty();
        }
        ChainBlock block = readBlock(line.get("block"));
        blocks++;
        transactions += block.transactions().size();
        lastRoot = block.recorded().stateRoot();
        return Optional.of(block);
    }

    private ChainHeader readHeader() throws VectorFormatException {
        JsonCursor line = nextLine();
        if (line == null) {
            throw new VectorFormatException(file + ": empty file");
        }
        if (!line.node().isObject() || !line.node().has("header")
                || !line.node().path("header").path("format").asText("").startsWith("ecliptica-chain")) {
            throw new VectorFormatException(file + ":1: not a chain file (the first line must be "
                    + "{\"header\": {\"format\": \"" + ChainHeader.FORMAT + "\", ...}})");
        }
        kindOf(line, Set.of("header"));
        JsonCursor h = line.get("header").onlyKeys(HEADER_KEYS);
        String format = h.get("format").text();
        if (!format.equals(ChainHeader.FORMAT)) {
            throw h.get("format").error("unknown format '" + format + "' (expected " + ChainHeader.FORMAT + ")");
        }
        if (h.has("chainParameters")) {
            // The privacy layer's chain parameters change what every transaction computes; replaying
            // such a chain without them would report false divergences.
            throw h.get("chainParameters").error("chain parameters (privacy layer) are not supported by this harness yet");
        }
        Optional<ChainHeader.Generator> generator = Optional.empty();
        if (h.has("generator")) {
            JsonCursor g = h.get("generator").onlyKeys(GENERATOR_KEYS);
            generator = Optional.of(new ChainHeader.Generator(g.get("workload").text(), g.get("seed").unsignedLong(),
                    (int) g.get("blocks").unsignedLong(), (int) g.get("txsPerBlock").unsignedLong(),
                    (int) g.get("accounts").unsignedLong()));
        }
        List<Provenance.FilledBy> by = new ArrayList<>();
        for (JsonCursor f : h.get("recordedBy").elements()) {
            f.onlyKeys(Set.of("engine", "library", "version", "mode"));
            by.add(new Provenance.FilledBy(f.get("engine").text(), f.get("library").text(), f.get("version").text(),
                    f.get("mode").text()));
        }
        return new ChainHeader(h.has("description") ? h.get("description").text() : "", h.get("profile").text(),
                h.get("costTableHash").text(), h.get("abi").text(), h.get("stateRootScheme").text(),
                h.get("harness").text(), generator, by);
    }

    private ChainGenesis readGenesis() throws VectorFormatException {
        List<ChainGenesis.Contract> contracts = new ArrayList<>();
        WorldState state = WorldState.empty();
        CodeStore code = CodeStore.empty();
        while (true) {
            JsonCursor line = nextLine();
            if (line == null) {
                throw new VectorFormatException(file + ": truncated after line " + lineNumber + ": no \"genesis\" line");
            }
            switch (kindOf(line, Set.of("contract", "storage", "genesis"))) {
                case "contract" -> {
                    JsonCursor c = line.get("contract").onlyKeys(CONTRACT_KEYS);
                    Bytes address = c.get("address").hex(32);
                    if (state.hasAccount(address)) {
                        throw c.get("address").error("a contract at " + address + " is already defined");
                    }
                    Bytes bytes = c.get("code").hex();
                    Bytes declared = c.get("codeHash").hex(32);
                    Bytes actual = StateRootScheme.codeHash(bytes.toByteArray());
                    if (!declared.equals(actual)) {
                        throw c.get("codeHash").error("does not match the code (SHA-256 of the code is " + actual + ")");
                    }
                    code = code.with(bytes.toByteArray());
                    state = state.withAccount(address, actual);
                    contracts.add(new ChainGenesis.Contract(c.get("name").text(), address, actual,
                            c.has("source") ? c.get("source").text() : ""));
                }
                case "storage" -> {
                    JsonCursor s = line.get("storage").onlyKeys(Set.of("address", "entries"));
                    Bytes address = s.get("address").hex(32);
                    if (!state.hasAccount(address)) {
                        throw s.get("address").error("no contract at " + address + " (define it on an earlier line)");
                    }
                    for (Map.Entry<String, JsonCursor> kv : s.get("entries").members()) {
                        Bytes key = kv.getValue().hexText(kv.getKey(), "storage key");
                        Bytes value = kv.getValue().hex();
                        if (key.length() > StateRootScheme.MAX_KEY_LENGTH || value.length() > StateRootScheme.MAX_VALUE_LENGTH) {
                            throw kv.getValue().error("storage key or value too long");
                        }
                        state = state.withStorage(address, key, value);
                    }
                }
                default -> {
                    JsonCursor g = line.get("genesis").onlyKeys(Set.of("stateRoot"));
                    Bytes declared = g.get("stateRoot").hex(32);
                    if (!declared.equals(state.stateRoot())) {
                        throw g.get("stateRoot").error("does not match the contracts and storage above (their root is "
                                + state.stateRoot() + ")");
                    }
                    return new ChainGenesis(contracts, state, code);
                }
            }
        }
    }

    private ChainBlock readBlock(JsonCursor b) throws VectorFormatException {
        b.onlyKeys(BLOCK_KEYS);
        long height = b.get("height").unsignedLong();
        if (height != lastHeight + 1) {
            throw b.get("height").error("expected block height " + (lastHeight + 1) + " (heights count up from 1), found " + height);
        }
        long time = b.get("time").unsignedLong();
        if (time < lastTime) {
            throw b.get("time").error("block time " + time + " is before the previous block's " + lastTime);
        }
        lastHeight = height;
        lastTime = time;
        List<Transaction> txs = new ArrayList<>();
        List<Bytes> receipts = new ArrayList<>();
        for (JsonCursor t : b.get("transactions").elements()) {
            t.onlyKeys(TX_KEYS);
            List<WasmValue> args = t.has("args") ? t.get("args").wasmValues() : List.of();
            txs.add(new Transaction(t.get("from").hex(32), t.get("to").hex(32), t.get("function").text(),
                    t.get("input").hex(), args, t.get("gasLimit").unsignedLong()));
            receipts.add(t.get("receipt").hex(32));
        }
        JsonCursor e = b.get("expect").onlyKeys(EXPECT_KEYS);
        return new ChainBlock(new BlockHeader(height, time), txs, new ChainBlock.Recorded(e.get("stateRoot").hex(32),
                e.get("receiptsRoot").hex(32), e.get("gasUsed").unsignedLong(), receipts));
    }

    private void readEnd(JsonCursor e) throws VectorFormatException {
        e.onlyKeys(Set.of("blocks", "transactions", "stateRoot"));
        if (e.get("blocks").unsignedLong() != blocks) {
            throw e.get("blocks").error("says " + e.get("blocks").unsignedLong() + " blocks, the file has " + blocks);
        }
        if (e.get("transactions").unsignedLong() != transactions) {
            throw e.get("transactions").error("says " + e.get("transactions").unsignedLong() + " transactions, the file has "
                    + transactions);
        }
        if (!e.get("stateRoot").hex(32).equals(lastRoot)) {
            throw e.get("stateRoot").error("is not the recorded state root of the last block (" + lastRoot + ")");
        }
        if (nextLine() != null) {
            throw new VectorFormatException(file + ":" + lineNumber + ": content after the \"end\" line");
        }
    }

    /** The one key of a line's object, which must be one of {@code allowed}. */
    private String kindOf(JsonCursor line, Set<String> allowed) throws VectorFormatException {
        line.object();
        if (line.node().size() != 1) {
            throw line.error("a line holds exactly one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        String kind = line.node().fieldNames().next();
        if (!allowed.contains(kind)) {
            throw line.error("expected a line of kind " + String.join(" or ", allowed.stream().sorted().toList())
                    + " here, found '" + kind + "'");
        }
        return kind;
    }

    /** The next non-empty line parsed, or null at the end of the file. */
    private JsonCursor nextLine() throws VectorFormatException {
        String text;
        try {
            do {
                text = in.readLine();
                lineNumber++;
            } while (text != null && text.isBlank());
        } catch (CharacterCodingException e) {
            throw new VectorFormatException(file + ":" + lineNumber + ": not UTF-8 text");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return new JsonCursor(file + ":" + lineNumber, "", node);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String col = at == null ? "" : at.getColumnNr() + ": ";
            String why = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw new VectorFormatException(file + ":" + lineNumber + ":" + col + "invalid JSON: " + why);
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(BufferedReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // reading is over; nothing was written
        }
    }
}
