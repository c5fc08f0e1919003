package io.ecliptica.harness.vector;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionFailedException;
import io.ecliptica.harness.crypto.SpendingPublicKey;
import io.ecliptica.harness.crypto.StateCipher;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.exec.TxAuth;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** The strict parser of every harness input: duplicate keys, trailing tokens and comments are errors. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private static final Set<String> TOP_KEYS = Set.of("contracts", "blocks", "preStateRoot", "privacy");
    private static final Set<String> CONTRACT_KEYS = Set.of("address", "code", "codeHash", "source", "storage");
    private static final Set<String> BLOCK_KEYS = Set.of("height", "time", "transactions", "expect");
    private static final Set<String> TX_KEYS = Set.of("from", "to", "function", "input", "args", "gasLimit", "expect",
            "nonce", "publicKey", "signature", "signWith", "tamper");
    private static final Set<String> FIXTURE_TX_KEYS = Set.of("from", "to", "function", "input", "args", "gasLimit",
            "expect", "nonce", "publicKey", "signature");
    private static final Set<String> FILLER_PRIVACY_KEYS = Set.of("chainId", "masterSecret", "accounts");
    private static final Set<String> FIXTURE_PRIVACY_KEYS = Set.of("scheme", "chainId", "masterSecret", "accounts");
    /** The privacy scheme a fixture names (docs/privacy.md). */
    public static final String PRIVACY_SCHEME = "ecliptica-privacy/1";
    private static final Set<String> RESULT_KEYS = Set.of("status", "class", "output", "results", "events", "writes",
            "gasUsed", "stateRoot");

    private VectorReader() {
    }

    /** Parses a file's JSON, mapping syntax errors to one line with line:column. */
    public static JsonNode readJson(Path file) throws VectorFormatException {
        return readJson(file, readBytes(file));
    }

    /** The bytes of {@code file}; a missing or unreadable file is a one-line error naming it. */
    public static byte[] readBytes(Path file) throws VectorFormatException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VectorFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** {@code bytes}, read from {@code file}, parsed strictly; errors name {@code file} and the place. */
    public static JsonNode readJson(Path file, byte[] bytes) throws VectorFormatException {
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
            case "ecliptica-vector/2" -> Vector.Kind.FIXTURE;
            default -> throw info.get("format").error(
                    "unknown format '" + format + "' (expected ecliptica-filler/1 or ecliptica-vector/2)");
        };
        top.onlyKeys(TOP_KEYS);
        String description = info.has("description") ? info.get("description").text() : "";
        boolean fixture = kind == Vector.Kind.FIXTURE;
        String profile = fixture || info.has("profile") ? info.get("profile").text() : defaultProfile;

        Optional<PrivacySpec> privacy = top.has("privacy") ? Optional.of(privacy(top.get("privacy"), fixture))
                : Optional.empty();
        List<ContractSpec> contracts = new ArrayList<>();
        Map<String, Bytes> byName = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : top.get("contracts").members()) {
            ContractSpec c = contract(file, e.getKey(), e.getValue(), fixture, privacy);
            for (ContractSpec other : contracts) {
                if (other.address().equals(c.address())) {
                    throw e.getValue().error("address " + c.address() + " is also used by contract '" + other.name() + "'");
                }
            }
            contracts.add(c);
            byName.put(c.name(), c.address());
        }

        List<BlockSpec> blocks = new ArrayList<>();
        Map<Bytes, Long> nonces = new HashMap<>();
        for (JsonCursor b : top.get("blocks").elements()) {
            blocks.add(block(b, byName, fixture, privacy, nonces));
        }
        Optional<Bytes> preRoot = Optional.empty();
        Optional<Provenance> provenance = Optional.empty();
        if (fixture) {
            preRoot = Optional.of(top.get("preStateRoot").hex(32));
            provenance = Optional.of(provenance(info));
        }
        return new Vector(file, kind, description, profile, contracts, blocks, preRoot, provenance, privacy);
    }

    private static ContractSpec contract(Path file, String name, JsonCursor c, boolean fixture,
                                         Optional<PrivacySpec> privacy) throws VectorFormatException {
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
                Optional<PrivacySpec> templates = fixture ? Optional.empty() : privacy;
                Bytes key = bytes(kv.getValue(), kv.getKey(), "storage key", templates);
                Bytes value = bytes(kv.getValue(), kv.getValue().text(), "", templates);
                if (privacy.isPresent()) {
                    value = privateStorage(privacy.get(), address, key, value, kv.getValue(), fixture);
                }
                storage.put(key, value);
            }
        }
        return new ContractSpec(name, address, code, StateRootScheme.codeHash(code.toByteArray()), source, storage);
    }

    private static BlockSpec block(JsonCursor b, Map<String, Bytes> contracts, boolean fixture,
                                   Optional<PrivacySpec> privacy, Map<Bytes, Long> nonces) throws VectorFormatException {
        b.onlyKeys(BLOCK_KEYS);
        BlockHeader header = new BlockHeader(b.get("height").unsignedLong(), b.get("time").unsignedLong());
        List<TxSpec> txs = new ArrayList<>();
        for (JsonCursor t : b.get("transactions").elements()) {
            txs.add(transaction(t, contracts, fixture, privacy, nonces));
        }
        Optional<BlockSpec.Roots> expect = Optional.empty();
        if (fixture) {
            JsonCursor e = b.get("expect").onlyKeys(Set.of("stateRoot", "receiptsRoot"));
            expect = Optional.of(new BlockSpec.Roots(e.get("stateRoot").hex(32), e.get("receiptsRoot").hex(32)));
        }
        return new BlockSpec(header, txs, expect);
    }

    private static TxSpec transaction(JsonCursor t, Map<String, Bytes> contracts, boolean fixture,
                                      Optional<PrivacySpec> privacy, Map<Bytes, Long> nonces) throws VectorFormatException {
        t.onlyKeys(fixture ? FIXTURE_TX_KEYS : TX_KEYS);
        if (privacy.isEmpty()) {
            for (String key : List.of("nonce", "publicKey", "signature", "signWith", "tamper")) {
                if (t.has(key)) {
                    throw t.get(key).error("only transactions of a vector with a privacy block are signed");
                }
            }
        }
        Optional<PrivacySpec.Account> sender = Optional.empty();
        Bytes from;
        String fromText = t.get("from").text();
        if (!fixture && privacy.isPresent() && !fromText.startsWith("0x")) {
            sender = privacy.get().byName(fromText);
            if (sender.isEmpty()) {
                throw t.get("from").error("'" + fromText + "' is neither a 32-byte hex address nor an account of the privacy block");
            }
            from = sender.get().address();
        } else {
            from = t.get("from").hex(32);
        }
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
        Bytes input = t.has("input") ? bytes(t.get("input"), t.get("input").text(), "", fixture ? Optional.empty() : privacy)
                : Bytes.EMPTY;
        List<WasmValue> args = t.has("args") ? t.get("args").wasmValues() : List.of();
        Optional<CallResult> expect = fixture ? Optional.of(result(t.get("expect"))) : Optional.empty();
        Transaction tx = new Transaction(from, toAddress, function, input, args, gasLimit);
        if (privacy.isPresent()) {
            tx = fixture ? fixtureAuth(t, tx) : signed(t, tx, privacy.get(), sender, nonces);
        }
        return new TxSpec(tx, expect);
    }

    /**
     * Hex bytes, or in a private filler ({@code templates} present) a byte template
     * (docs/vector-format.md §Byte templates) that names the accounts' keys.
     */
    private static Bytes bytes(JsonCursor at, String text, String what, Optional<PrivacySpec> templates)
            throws VectorFormatException {
        if (templates.isEmpty() || ByteTemplate.isPlainHex(text)) {
            return at.hexText(text, what);
        }
        try {
            return ByteTemplate.resolve(text, templates.get());
        } catch (IllegalArgumentException e) {
            throw at.error((what.isEmpty() ? "" : what + " ") + e.getMessage());
        }
    }

    /** A fixture's signed transaction: nonce, public key and signature as written (checked at execution). */
    private static Transaction fixtureAuth(JsonCursor t, Transaction tx) throws VectorFormatException {
        if (!t.has("signature") && !t.has("publicKey") && !t.has("nonce")) {
            return tx;
        }
        return tx.withAuth(new TxAuth(t.get("nonce").unsignedLong(), t.get("publicKey").hex(), t.get("signature").hex()));
    }

    /**
     * Signs a filler's transaction with its sender's key (or {@code signWith}'s): the nonce is the
     * number of earlier transactions of the same sender in the file unless given; {@code publicKey}
     * and {@code signature} replace the computed ones, {@code tamper: "signature"} flips the
     * signature's last bit (for rejection vectors).
     */
    private static Transaction signed(JsonCursor t, Transaction tx, PrivacySpec privacy, Optional<PrivacySpec.Account> sender,
                                      Map<Bytes, Long> nonces) throws VectorFormatException {
        long counted = nonces.merge(tx.from(), 1L, Long::sum) - 1;
        long nonce = t.has("nonce") ? t.get("nonce").unsignedLong() : counted;
        Optional<PrivacySpec.Account> signer = sender;
        if (t.has("signWith")) {
            String name = t.get("signWith").text();
            signer = privacy.byName(name);
            if (signer.isEmpty()) {
                throw t.get("signWith").error("'" + name + "' is not an account of the privacy block");
            }
        }
        if (signer.isEmpty() && !(t.has("publicKey") && t.has("signature"))) {
            throw t.get("from").error("a hex 'from' needs 'signWith', or both 'publicKey' and 'signature'");
        }
        Bytes publicKey = t.has("publicKey") ? t.get("publicKey").hex() : signer.get().spendingKey().encoded();
        Bytes signature = t.has("signature") ? t.get("signature").hex()
                : signer.get().keys().orElseThrow().spendingKey().sign(tx.payload(privacy.chainId(), nonce));
        if (t.has("tamper")) {
            String what = t.get("tamper").text();
            if (!what.equals("signature")) {
                throw t.get("tamper").error("the only tampering is \"signature\" (flip its last bit)");
            }
            byte[] sig = signature.toByteArray();
            sig[sig.length - 1] ^= 1;
            signature = Bytes.of(sig);
        }
        return tx.withAuth(new TxAuth(nonce, publicKey, signature));
    }

    /** The privacy block; secrets never appear in its error messages. */
    private static PrivacySpec privacy(JsonCursor p, boolean fixture) throws VectorFormatException {
        p.onlyKeys(fixture ? FIXTURE_PRIVACY_KEYS : FILLER_PRIVACY_KEYS);
        if (fixture && !p.get("scheme").text().equals(PRIVACY_SCHEME)) {
            throw p.get("scheme").error("unknown privacy scheme (expected " + PRIVACY_SCHEME + ")");
        }
        long chainId = p.get("chainId").unsignedLong();
        ChainSecret master = ChainSecret.of(secret(p.get("masterSecret"), ChainSecret.LENGTH, "master secret"));
        List<PrivacySpec.Account> accounts = new ArrayList<>();
        for (Map.Entry<String, JsonCursor> e : p.get("accounts").members()) {
            JsonCursor a = e.getValue();
            PrivacySpec.Account account;
            if (fixture) {
                a.onlyKeys(Set.of("address", "viewingKey", "spendingKey"));
                Bytes address = a.get("address").hex(32);
                ViewingPublicKey viewing;
                SpendingPublicKey spending;
                try {
                    viewing = new ViewingPublicKey(a.get("viewingKey").hex());
                } catch (IllegalArgumentException x) {
                    throw a.get("viewingKey").error(x.getMessage());
                }
                try {
                    spending = new SpendingPublicKey(a.get("spendingKey").hex());
                } catch (IllegalArgumentException x) {
                    throw a.get("spendingKey").error(x.getMessage());
                }
                if (!spending.address().equals(address)) {
                    throw a.get("address").error("is not the address of the spending key (" + spending.address() + ")");
                }
                account = new PrivacySpec.Account(e.getKey(), address, viewing, spending, Optional.empty(), true);
            } else {
                a.onlyKeys(Set.of("secret", "directory"));
                AccountKeys keys = AccountKeys.fromSecret(secret(a.get("secret"), AccountKeys.SECRET_LENGTH, "account secret"));
                boolean listed = true;
                if (a.has("directory")) {
                    if (!a.get("directory").node().isBoolean()) {
                        throw a.get("directory").error("expected true or false");
                    }
                    listed = a.get("directory").node().booleanValue();
                }
                account = new PrivacySpec.Account(e.getKey(), keys.address(), keys.viewingKey().publicKey(),
                        keys.spendingKey().publicKey(), Optional.of(keys), listed);
            }
            for (PrivacySpec.Account other : accounts) {
                if (other.address().equals(account.address())) {
                    throw a.error("same address as account '" + other.name() + "'");
                }
            }
            accounts.add(account);
        }
        return new PrivacySpec(chainId, master, accounts);
    }

    /** Hex of a secret: errors say what is wrong without repeating any of it. */
    private static Bytes secret(JsonCursor c, int length, String what) throws VectorFormatException {
        String text = c.text();
        if (!text.matches("0x[0-9a-fA-F]*") || text.length() != 2 + 2 * length) {
            throw c.error("expected the " + what + " as 0x and " + 2 * length + " hex digits (value not shown: it is a secret)");
        }
        return Bytes.fromHex(text);
    }

    /**
     * A private contract's stored value: a filler gives the plaintext, encrypted here as genesis
     * storage; a fixture gives the stored form, which must open under the master secret.
     */
    private static Bytes privateStorage(PrivacySpec privacy, Bytes address, Bytes key, Bytes value, JsonCursor at,
                                        boolean fixture) throws VectorFormatException {
        StateCipher cipher = privacy.master().contract(address);
        if (!fixture) {
            return cipher.encrypt(key, value, PrivacySpec.GENESIS);
        }
        try {
            cipher.decrypt(key, value);
        } catch (DecryptionFailedException e) {
            throw at.error("does not decrypt under the vector's master secret");
        }
        return value;
    }

    private static CallResult result(JsonCursor r) throws VectorFormatException {
        r.onlyKeys(RESULT_KEYS);
        Status status;
        try {
            status = Status.fromId(r.get("status").text());
        } catch (IllegalArgumentException e) {
            throw r.get("status").error(e.getMessage());
        }
        List<WasmValue> results = r.get("results").wasmValues();
        List<Event> events = new ArrayList<>();
        for (JsonCursor e : r.get("events").elements()) {
            e.onlyKeys(Set.of("emitter", "topic", "data"));
            events.add(new Event(e.get("emitter").hex(32), e.get("topic").hex(), e.get("data").hex()));
        }
        List<StorageWrite> writes = new ArrayList<>();
        for (JsonCursor w : r.get("writes").elements()) {
            w.onlyKeys(Set.of("address", "key", "value"));
            Bytes address = w.get("address").hex(32);
            Bytes key = w.get("key").hex();
            writes.add(w.has("value") ? StorageWrite.set(address, key, w.get("value").hex())
                    : StorageWrite.deleted(address, key));
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
