package io.ecliptica.harness.vector;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads filler and fixture files (docs/vector-format.md) into {@link Vector}s, strictly: any
 * problem is a {@link VectorFormatException} naming the file and the place.
 */
public final class VectorReader {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private static final Set<String> TOP_KEYS = Set.of("contracts", "blocks", "preStateRoot");
    private static final Set<String> CONTRACT_KEYS = Set.of("address", "code", "codeHash", "source", "storage");
    private static final Set<String> BLOCK_KEYS = Set.of("height", "time", "transactions", "expect");
    private static final Set<String> TX_KEYS = Set.of("from", "to", "function", "input", "args", "gasLimit", "expect");
    private static final Set<String> RESULT_KEYS = Set.of("status", "class", "output", "results", "events", "writes",
            "gasUsed", "stateRoot");

    private VectorReader() {
    }

    /** Parses a file's JSON, mapping syntax errors to one line with line:column. */
    public static JsonNode readJson(Path file) throws VectorFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VectorFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ": ";
            String why = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw new VectorFormatException(file + ":" + where + "invalid JSON: " + why);
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads a filler or fixture; a filler that names no profile gets {@code defaultProfile}. */
    public static Vector read(Path file, String defaultProfile) throws VectorFormatException {
        JsonNode root = readJson(file);
        JsonCursor top = new JsonCursor(file.toString(), "", root);
        if (root == null || root.isMissingNode()) {
            throw top.error("empty file");
        }
        if (!root.isObject() || !root.path("_info").path("format").asText("").startsWith("ecliptica-")) {
            throw new VectorFormatException.NotAVector(file + ": not a vector (no _info.format such as "
                    + "\"ecliptica-vector/1\" or \"ecliptica-filler/1\")");
        }
        JsonCursor info = top.get("_info").object();
        String format = info.get("format").text();
        Vector.Kind kind = switch (format) {
            case "ecliptica-filler/1" -> Vector.Kind.FILLER;
            case "ecliptica-vector/1" -> Vector.Kind.FIXTURE;
            default -> throw info.get("format").error(
                    "unknown format '" + format + "' (expected ecliptica-filler/1 or ecliptica-vector/1)");
        };
        top.onlyKeys(TOP_KEYS);
        String description = info.has("description") ? info.get("description").text() : "";
        boolean fixture = kind == Vector.Kind.FIXTURE;
        String profile = fixture || info.has("profile") ? info.get("profile").text() : defaultProfile;

        List<ContractSpec> contracts = new ArrayList<>();
        Map<String, Bytes> byName = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : top.get("contracts").members()) {
            ContractSpec c = contract(file, e.getKey(), e.getValue(), fixture);
            for (ContractSpec other : contracts) {
                if (other.address().equals(c.address())) {
                    throw e.getValue().error("address " + c.address() + " is also used by contract '" + other.name() + "'");
                }
            }
            contracts.add(c);
            byName.put(c.name(), c.address());
        }

        List<BlockSpec> blocks = new ArrayList<>();
        for (JsonCursor b : top.get("blocks").elements()) {
            blocks.add(block(b, byName, fixture));
        }
        Optional<Bytes> preRoot = Optional.empty();
        Optional<Provenance> provenance = Optional.empty();
        if (fixture) {
            preRoot = Optional.of(top.get("preStateRoot").hex(32));
            provenance = Optional.of(provenance(info));
        }
        return new Vector(file, kind, description, profile, contracts, blocks, preRoot, provenance);
    }

    private static ContractSpec contract(Path file, String name, JsonCursor c, boolean fixture)
            throws VectorFormatException {
        c.onlyKeys(CONTRACT_KEYS);
        Bytes address = c.get("address").hex(32);
        String source = c.has("source") ? c.get("source").text() : "";
        Bytes code;
        if (fixture) {
            code = c.get("code").hex();
            Bytes declared = c.get("codeHash").hex(32);
            Bytes actual = StateRootScheme.codeHash(code.toByteArray());
            if (!declared.equals(actual)) {
                throw c.get("codeHash").error("does not match the code (SHA-256 of the code is " + actual + ")");
            }
        } else {
            JsonCursor codeRef = c.get("code");
            Path codeFile = resolve(file, codeRef.text());
            try {
                code = Bytes.of(ModuleFiles.load(codeFile));
            } catch (ModuleFiles.ModuleFileException e) {
                throw codeRef.error(e.getMessage());
            }
        }
        TreeMap<Bytes, Bytes> storage = new TreeMap<>();
        if (c.has("storage")) {
            for (Map.Entry<String, JsonCursor> kv : c.get("storage").members()) {
                Bytes key = kv.getValue().hexText(kv.getKey(), "storage key");
                storage.put(key, kv.getValue().hex());
            }
        }
        return new ContractSpec(name, address, code, StateRootScheme.codeHash(code.toByteArray()), source, storage);
    }

    private static BlockSpec block(JsonCursor b, Map<String, Bytes> contracts, boolean fixture)
            throws VectorFormatException {
        b.onlyKeys(BLOCK_KEYS);
        BlockHeader header = new BlockHeader(b.get("height").unsignedLong(), b.get("time").unsignedLong());
        List<TxSpec> txs = new ArrayList<>();
        for (JsonCursor t : b.get("transactions").elements()) {
            txs.add(transaction(t, contracts, fixture));
        }
        Optional<BlockSpec.Roots> expect = Optional.empty();
        if (fixture) {
            JsonCursor e = b.get("expect").onlyKeys(Set.of("stateRoot", "receiptsRoot"));
            expect = Optional.of(new BlockSpec.Roots(e.get("stateRoot").hex(32), e.get("receiptsRoot").hex(32)));
        }
        return new BlockSpec(header, txs, expect);
    }

    private static TxSpec transaction(JsonCursor t, Map<String, Bytes> contracts, boolean fixture)
            throws VectorFormatException {
        t.onlyKeys(TX_KEYS);
        Bytes from = t.get("from").hex(32);
        JsonCursor toField = t.get("to");
        String to = toField.text();
        Bytes toAddress;
        if (to.startsWith("0x")) {
            toAddress = toField.hex(32);
        } else if (!fixture && contracts.containsKey(to)) {
            toAddress = contracts.get(to);
        } else {
            throw toField.error(fixture ? "expected a 32-byte hex address"
                    : "'" + to + "' is neither a 32-byte hex address nor a contract name of this file");
        }
        String function = t.get("function").text();
        long gasLimit = t.has("gasLimit") ? t.get("gasLimit").unsignedLong() : Vector.DEFAULT_GAS_LIMIT;
        if (fixture && !t.has("gasLimit")) {
            throw t.error("missing required key 'gasLimit'");
        }
        Bytes input = t.has("input") ? t.get("input").hex() : Bytes.EMPTY;
        List<WasmValue> args = new ArrayList<>();
        if (t.has("args")) {
            for (JsonCursor a : t.get("args").elements()) {
                try {
                    args.add(WasmValue.parse(a.text()));
                } catch (IllegalArgumentException e) {
                    throw a.error(e.getMessage());
                }
            }
        }
        Optional<CallResult> expect = fixture ? Optional.of(result(t.get("expect"))) : Optional.empty();
        return new TxSpec(new Transaction(from, toAddress, function, input, args, gasLimit), expect);
    }

    private static CallResult result(JsonCursor r) throws VectorFormatException {
        r.onlyKeys(RESULT_KEYS);
        Status status;
        try {
            status = Status.fromId(r.get("status").text());
        } catch (IllegalArgumentException e) {
            throw r.get("status").error(e.getMessage());
        }
        List<WasmValue> results = new ArrayList<>();
        for (JsonCursor v : r.get("results").elements()) {
            try {
                results.add(WasmValue.parse(v.text()));
            } catch (IllegalArgumentException e) {
                throw v.error(e.getMessage());
            }
        }
        List<Event> events = new ArrayList<>();
        for (JsonCursor e : r.get("events").elements()) {
            e.onlyKeys(Set.of("topic", "data"));
            events.add(new Event(e.get("topic").hex(), e.get("data").hex()));
        }
        List<StorageWrite> writes = new ArrayList<>();
        for (JsonCursor w : r.get("writes").elements()) {
            w.onlyKeys(Set.of("key", "value"));
            Bytes key = w.get("key").hex();
            writes.add(w.has("value") ? StorageWrite.set(key, w.get("value").hex()) : StorageWrite.deleted(key));
        }
        String cls = r.has("class") ? r.get("class").text() : "";
        return new CallResult(status, cls, r.get("output").hex(), results, events, writes, r.get("gasUsed").unsignedLong(),
                r.get("stateRoot").hex(32), "");
    }

    private static Provenance provenance(JsonCursor info) throws VectorFormatException {
        TreeMap<String, String> sources = new TreeMap<>();
        if (info.has("sources")) {
            for (Map.Entry<String, JsonCursor> s : info.get("sources").members()) {
                sources.put(s.getKey(), s.getValue().text());
            }
        }
        List<Provenance.FilledBy> filledBy = new ArrayList<>();
        for (JsonCursor f : info.get("filledBy").elements()) {
            filledBy.add(new Provenance.FilledBy(f.get("engine").text(), f.get("library").text(),
                    f.get("version").text(), f.get("mode").text()));
        }
        return new Provenance(info.get("harness").text(), info.get("abi").text(), info.get("stateRootScheme").text(),
                info.has("costTableHash") ? info.get("costTableHash").text() : "",
                info.has("filler") ? info.get("filler").text() : "",
                info.has("fillerHash") ? info.get("fillerHash").text() : "", sources, filledBy);
    }

    /** Resolves a path written in a vector file against the file's own directory. */
    static Path resolve(Path vectorFile, String relative) {
        Path dir = vectorFile.toAbsolutePath().getParent();
        return dir.resolve(relative).normalize();
    }
}
