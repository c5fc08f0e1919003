package io.ecliptica.harness.fuzz.triage;

import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.vector.JsonCursor;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A known-findings registry ({@code --known FILE}, docs/fuzzing.md "Known findings"): engine bugs
 * the team already knows. A campaign still saves and counts their findings but reports them as
 * known, and they alone do not make its exit code 1. Read strictly: a typo in a key or an engine
 * list must not silently widen or narrow what the nightly campaign ignores.
 */
public final class KnownFindings {
    public static final String FORMAT = "ecliptica-fuzz-known/1";

    private static final Set<String> TOP_KEYS = Set.of("format", "known");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "reason", "reference", "reproducer", "signature", "match");
    private static final Set<String> MATCH_KEYS = Set.of("field", "sides", "outcomes", "hostCall");

    private final List<KnownFinding> entries;
    private final String sha256;

    private KnownFindings(List<KnownFinding> entries, String sha256) {
        this.entries = List.copyOf(entries);
        this.sha256 = sha256;
    }

    /** No registry: every finding is new. */
    public static KnownFindings none() {
        return new KnownFindings(List.of(), "");
    }

    /** A registry file that cannot be used; the message is one line naming the file and the place. */
    public static final class BadRegistryException extends Exception {
        BadRegistryException(String message) {
            super(message, null, false, false);
        }
    }

    public static KnownFindings load(Path file) throws BadRegistryException {
        try {
            return read(file);
        } catch (VectorFormatException e) {
            throw new BadRegistryException(e.getMessage());
        }
    }

    private static KnownFindings read(Path file) throws VectorFormatException {
        // one read: the hash names exactly the bytes parsed
        byte[] bytes = VectorReader.readBytes(file);
        JsonCursor top = new JsonCursor(file.toString(), "", VectorReader.readJson(file, bytes));
        if (top.node() == null || top.node().isMissingNode()) {
            throw top.error("empty file");
        }
        top.onlyKeys(TOP_KEYS);
        String format = top.get("format").text();
        if (!format.equals(FORMAT)) {
            throw top.get("format").error("unknown format '" + format + "' (expected " + FORMAT + ")");
        }
        Path base = file.toAbsolutePath().getParent();
        List<KnownFinding> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonCursor e : top.get("known").elements()) {
            KnownFinding k = entry(e, base);
            if (!names.add(k.name())) {
                throw e.get("name").error("name '" + k.name() + "' is used by an earlier entry");
            }
            entries.add(k);
        }
        return new KnownFindings(entries, StateRootScheme.sha256(Bytes.of(bytes)).toHex());
    }

    private static KnownFinding entry(JsonCursor e, Path base) throws VectorFormatException {
        e.onlyKeys(ENTRY_KEYS);
        String name = nonEmpty(e.get("name"));
        String reason = nonEmpty(e.get("reason"));
        String reference = e.has("reference") ? e.get("reference").text() : "";
        String reproducer = nonEmpty(e.get("reproducer"));
        if (!Files.exists(base.resolve(reproducer))) {
            throw e.get("reproducer").error("'" + reproducer + "' does not exist (paths are relative to the registry's folder)");
        }
        if (e.has("signature") == e.has("match")) {
            throw e.error("give exactly one of 'signature' (one signature's text) and 'match' (a pattern)");
        }
        KnownFinding.Match match = e.has("signature") ? new KnownFinding.Exact(nonEmpty(e.get("signature")))
                : pattern(e.get("match"));
        return new KnownFinding(name, reason, reference, reproducer, match);
    }

    private static KnownFinding.Pattern pattern(JsonCursor m) throws VectorFormatException {
        m.onlyKeys(MATCH_KEYS);
        List<String> fields = new ArrayList<>();
        JsonCursor f = m.get("field");
        if (f.node().isArray()) {
            for (JsonCursor x : f.elements()) {
                fields.add(nonEmpty(x));
            }
            if (fields.isEmpty()) {
                throw f.error("expected at least one field");
            }
        } else {
            fields.add(nonEmpty(f));
        }
        List<List<String>> sides = new ArrayList<>();
        Set<String> engines = new HashSet<>();
        for (JsonCursor side : m.get("sides").elements()) {
            List<String> ids = new ArrayList<>();
            for (JsonCursor id : side.elements()) {
                String engine = nonEmpty(id);
                if (!engines.add(engine)) {
                    throw id.error("engine '" + engine + "' is named twice");
                }
                ids.add(engine);
            }
            if (ids.isEmpty()) {
                throw side.error("expected at least one engine id");
            }
            sides.add(ids);
        }
        if (sides.isEmpty()) {
            throw m.get("sides").error("expected at least one side");
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        if (m.has("outcomes")) {
            for (Map.Entry<String, JsonCursor> o : m.get("outcomes").members()) {
                if (!engines.contains(o.getKey())) {
                    throw o.getValue().error("engine '" + o.getKey() + "' is on no side");
                }
                outcomes.put(o.getKey(), nonEmpty(o.getValue()));
            }
        }
        Optional<String> hostCall = m.has("hostCall") ? Optional.of(m.get("hostCall").text()) : Optional.empty();
        return new KnownFinding.Pattern(fields, sides, outcomes, hostCall);
    }

    private static String nonEmpty(JsonCursor c) throws VectorFormatException {
        String s = c.text();
        if (s.isBlank()) {
            throw c.error("expected a non-empty string");
        }
        return s;
    }

    /** The first entry (in file order) that covers the signature. */
    public Optional<KnownFinding> find(Signature s) {
        return entries.stream().filter(k -> k.matches(s)).findFirst();
    }

    public List<KnownFinding> entries() {
        return entries;
    }

    /** SHA-256 of the file's bytes ({@code 0x…}), "" without a registry: says which registry a summary used. */
    public String sha256() {
        return sha256;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
