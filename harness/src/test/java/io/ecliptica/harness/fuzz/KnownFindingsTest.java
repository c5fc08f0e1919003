package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.fuzz.triage.KnownFindings;
import io.ecliptica.harness.fuzz.triage.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Matching and reading of known-findings registries (docs/fuzzing.md, "Known findings"). The
 * signatures are built by hand from the rules of "Triage: signatures"; the expected matches follow
 * from the registry rules alone.
 */
class KnownFindingsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void reproducer() throws IOException {
        Files.createDirectories(tmp.resolve("repro"));
        Files.writeString(tmp.resolve("repro/filler.json"), "{}");
    }

    private static final String CI = "chicory-interpreter";
    private static final String CC = "chicory-compiler";
    private static final String WT = "wasmtime";
    private static final String GW = "graalwasm";

    private static Signature sig(String field, List<List<String>> sides, List<String> outcomes, String hostCall) {
        return new Signature(field, sides, outcomes, hostCall);
    }

    private KnownFindings registry(String entries) throws Exception {
        Path f = tmp.resolve("known.json");
        Files.writeString(f, "{\"format\": \"ecliptica-fuzz-known/1\", \"known\": [" + entries + "]}", StandardCharsets.UTF_8);
        return KnownFindings.load(f);
    }

    private static String entry(String name, String matcher) {
        return "{\"name\": \"" + name + "\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", " + matcher + "}";
    }

    /** The wasmtime end-of-memory trap as docs/fuzz-findings describes it: wasmtime alone traps out of bounds. */
    private static final String WASMTIME_OOB = "\"match\": {\"field\": [\"status\", \"class\"], "
            + "\"sides\": [[\"chicory-interpreter\", \"chicory-compiler\", \"graalwasm\"], [\"wasmtime\"]], "
            + "\"outcomes\": {\"wasmtime\": \"trap:out_of_bounds_memory\"}}";

    @Test
    void anExactEntryMatchesOnlyThatSignatureText() throws Exception {
        KnownFindings k = registry(entry("rem", "\"signature\": \"results: [chicory-interpreter] vs [bug-rem-s]; outcomes ok / ok\""));
        assertTrue(k.find(sig("results", List.of(List.of(CI), List.of("bug-rem-s")), List.of("ok", "ok"), "")).isPresent());
        // the same engines with another field, or another outcome, are another signature
        assertTrue(k.find(sig("writes", List.of(List.of(CI), List.of("bug-rem-s")), List.of("ok", "ok"), "")).isEmpty());
        assertTrue(k.find(sig("results", List.of(List.of(CI), List.of("bug-rem-s")), List.of("ok", "revert"), "")).isEmpty());
        assertEquals("rem", k.find(sig("results", List.of(List.of(CI), List.of("bug-rem-s")), List.of("ok", "ok"), ""))
                .get().name());
    }

    @Test
    void aPatternMatchesItsFieldsSidesAndOutcomesOnAnySubsetOfItsEngines() throws Exception {
        KnownFindings k = registry(entry("wasmtime-oob", WASMTIME_OOB));
        List<List<String>> four = List.of(List.of(CI, CC, GW), List.of(WT));
        assertTrue(k.find(sig("status", four, List.of("ok", "trap:out_of_bounds_memory"), "")).isPresent());
        assertTrue(k.find(sig("class", four, List.of("trap:integer_overflow", "trap:out_of_bounds_memory"), "")).isPresent());
        // a campaign on two of the engines: one engine per side, the tie puts chicory first
        assertTrue(k.find(sig("status", List.of(List.of(CI), List.of(WT)), List.of("ok", "trap:out_of_bounds_memory"), ""))
                .isPresent());
        // the same partition with the sides the other way round (wasmtime first on a tie)
        assertTrue(k.find(sig("status", List.of(List.of(WT), List.of(GW)), List.of("trap:out_of_bounds_memory", "ok"), ""))
                .isPresent());
        // any first differing host call, since the pattern names none
        assertTrue(k.find(sig("status", four, List.of("ok", "trap:out_of_bounds_memory"), "storage_read vs none")).isPresent());
    }

    @Test
    void aPatternDoesNotMatchAnotherFieldPartitionOutcomeOrAnUnnamedEngine() throws Exception {
        KnownFindings k = registry(entry("wasmtime-oob", WASMTIME_OOB));
        List<List<String>> four = List.of(List.of(CI, CC, GW), List.of(WT));
        assertTrue(k.find(sig("output", four, List.of("ok", "ok"), "")).isEmpty(), "field");
        assertTrue(k.find(sig("status", four, List.of("ok", "trap:unreachable"), "")).isEmpty(), "wasmtime's class");
        // graalwasm on wasmtime's side: another bug
        assertTrue(k.find(sig("status", List.of(List.of(CI, CC), List.of(WT, GW)), List.of("ok", "trap:out_of_bounds_memory"), ""))
                .isEmpty(), "partition");
        // three sides where the entry has two
        assertTrue(k.find(sig("status", List.of(List.of(CI, CC), List.of(WT), List.of(GW)),
                List.of("ok", "trap:out_of_bounds_memory", "revert"), "")).isEmpty(), "three sides");
        // an engine the entry does not name
        assertTrue(k.find(sig("status", List.of(List.of(CI, CC, GW), List.of("bug-shl")), List.of("ok", "trap:out_of_bounds_memory"), ""))
                .isEmpty(), "unnamed engine");
        // a crash signature has no outcomes: the entry's outcome condition cannot hold
        assertTrue(k.find(sig("status", List.of(List.of(WT)), List.of(), "")).isEmpty(), "no outcomes");
    }

    @Test
    void hostCallAndFieldGlobs() throws Exception {
        KnownFindings none = registry(entry("pure", "\"match\": {\"field\": \"*\", \"sides\": [[\"a\"], [\"b\"]], \"hostCall\": \"\"}"));
        assertTrue(none.find(sig("results", List.of(List.of("a"), List.of("b")), List.of("ok", "ok"), "")).isPresent());
        assertTrue(none.find(sig("results", List.of(List.of("a"), List.of("b")), List.of("ok", "ok"), "storage_write vs none"))
                .isEmpty(), "'' is exactly no host call");
        KnownFindings write = registry(entry("w", "\"match\": {\"field\": \"writes\", \"sides\": [[\"a\"], [\"b\"]], "
                + "\"hostCall\": \"storage_write vs *\"}"));
        assertTrue(write.find(sig("writes", List.of(List.of("a"), List.of("b")), List.of("ok", "ok"), "storage_write vs none"))
                .isPresent());
        assertTrue(write.find(sig("writes", List.of(List.of("a"), List.of("b")), List.of("ok", "ok"), "storage_read vs none"))
                .isEmpty());
        assertTrue(write.find(sig("writes", List.of(List.of("a"), List.of("b")), List.of("ok", "ok"), "")).isEmpty());
    }

    @ParameterizedTest(name = "outcome glob ''{0}'' against ''{1}'': {2}")
    @CsvSource(value = {"trap:* | trap:out_of_bounds_memory | true", "trap:* | ok | false", "* | ok | true",
            "ok | ok | true", "ok | okay | false", "*memory | trap:out_of_bounds_memory | true",
            "trap:*_of_*_memory | trap:out_of_bounds_memory | true", "trap:*of*of* | trap:out_of_bounds | false",
            "a*a | a | false", "a**a | aa | true"}, delimiter = '|')
    void outcomeGlobs(String glob, String outcome, boolean matches) throws Exception {
        KnownFindings k = registry(entry("g", "\"match\": {\"field\": \"status\", \"sides\": [[\"a\"], [\"b\"]], "
                + "\"outcomes\": {\"b\": \"" + glob + "\"}}"));
        assertEquals(matches, k.find(sig("status", List.of(List.of("a"), List.of("b")), List.of("ok", outcome), "")).isPresent());
    }

    @Test
    void theFirstMatchingEntryInFileOrderWins() throws Exception {
        KnownFindings k = registry(entry("narrow", "\"signature\": \"crash: [bug-crash]\"") + ", "
                + entry("broad", "\"match\": {\"field\": [\"crash\", \"hang\"], \"sides\": [[\"bug-crash\"]]}"));
        assertEquals(Optional.of("narrow"), k.find(sig("crash", List.of(List.of("bug-crash")), List.of(), "")).map(e -> e.name()));
        assertEquals(Optional.of("broad"), k.find(sig("hang", List.of(List.of("bug-crash")), List.of(), "")).map(e -> e.name()));
        assertEquals(2, k.entries().size());
        assertTrue(k.sha256().matches("0x[0-9a-f]{64}"), k.sha256());
    }

    @Test
    void anEmptyRegistryKnowsNothing() throws Exception {
        KnownFindings k = registry("");
        assertTrue(k.isEmpty());
        assertTrue(k.find(sig("crash", List.of(List.of("x")), List.of(), "")).isEmpty());
        assertFalse(k.sha256().isEmpty(), "a registry, even an empty one, is named in the summary");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {
            "unknown key | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"signature\": \"x\", \"hostcall\": \"\"} | known[0]: unknown key 'hostcall'",
            "missing reproducer file | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"nope.json\", \"signature\": \"x\"} | known[0].reproducer: 'nope.json' does not exist",
            "no reason | {\"name\": \"a\", \"reproducer\": \"repro/filler.json\", \"signature\": \"x\"} | known[0]: missing required key 'reason'",
            "both matchers | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"signature\": \"x\", \"match\": {\"field\": \"status\", \"sides\": [[\"a\"]]}} | known[0]: give exactly one of 'signature'",
            "no matcher | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\"} | known[0]: give exactly one of 'signature'",
            "no sides | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"match\": {\"field\": \"status\", \"sides\": []}} | known[0].match.sides: expected at least one side",
            "engine twice | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"match\": {\"field\": \"status\", \"sides\": [[\"a\"], [\"a\"]]}} | known[0].match.sides[1][0]: engine 'a' is named twice",
            "outcome of an engine on no side | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"match\": {\"field\": \"status\", \"sides\": [[\"a\"]], \"outcomes\": {\"b\": \"ok\"}}} | known[0].match.outcomes.b: engine 'b' is on no side",
            "duplicate name | {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"signature\": \"x\"}, {\"name\": \"a\", \"reason\": \"r\", \"reproducer\": \"repro/filler.json\", \"signature\": \"y\"} | known[1].name: name 'a' is used by an earlier entry",
    }, delimiter = '|')
    void aBadEntryIsOneLineNamingThePlace(String what, String entries, String expected) throws IOException {
        Path f = tmp.resolve("known.json");
        Files.writeString(f, "{\"format\": \"ecliptica-fuzz-known/1\", \"known\": [" + entries + "]}", StandardCharsets.UTF_8);
        KnownFindings.BadRegistryException e = assertThrows(KnownFindings.BadRegistryException.class, () -> KnownFindings.load(f));
        assertTrue(e.getMessage().startsWith(f + ": " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aFileThatIsNotARegistryIsRefused() throws IOException {
        Path wrong = tmp.resolve("wrong.json");
        Files.writeString(wrong, "{\"format\": \"ecliptica-fuzz-summary/1\", \"known\": []}");
        assertTrue(assertThrows(KnownFindings.BadRegistryException.class, () -> KnownFindings.load(wrong)).getMessage()
                .contains("unknown format 'ecliptica-fuzz-summary/1' (expected ecliptica-fuzz-known/1)"));
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"format\": ");
        assertTrue(assertThrows(KnownFindings.BadRegistryException.class, () -> KnownFindings.load(broken)).getMessage()
                .startsWith(broken + ":1:"));
        assertTrue(assertThrows(KnownFindings.BadRegistryException.class, () -> KnownFindings.load(tmp.resolve("absent.json")))
                .getMessage().endsWith("absent.json: no such file"));
    }
}
