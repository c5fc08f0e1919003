package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Divergence detection and grouping on canonical outcome strings (no engine needed). */
class DivergencesTest {
    private static final List<String> ENGINES = List.of("a", "b", "c", "d");
    private static final FileResult.Command CMD = new FileResult.Command(7, "assert_return");

    private static Map<String, String> observed(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void agreementIsNoDivergence() {
        assertEquals(Optional.empty(), Divergences.pattern(observed("a", "ok i32:5", "b", "ok i32:5", "c", "ok i32:5")));
        assertEquals(Optional.empty(), Divergences.pattern(observed("a", "trap unreachable")));
        assertEquals(Optional.empty(), Divergences.pattern(Map.of()));
    }

    @Test
    void differentNaNBitsAreADivergenceMarkedAsSuch() {
        assertEquals(Optional.of("a,b,c=ok[A] | d=ok[B] (NaN bits differ)"), Divergences.pattern(observed(
                "a", "ok f32:0xffc00000", "b", "ok f32:0xffc00000", "c", "ok f32:0xffc00000", "d", "ok f32:0x7fc00000")));
        // The same NaN in one position, different NaNs in another: still only NaN bits.
        assertEquals(Optional.of("a=ok[A] | b=ok[B] (NaN bits differ)"), Divergences.pattern(observed(
                "a", "ok i32:1 f64:0x7ff8000000000000", "b", "ok i32:1 f64:0xfff8000000000001")));
    }

    @Test
    void differentNumbersAreNotNaNBits() {
        assertEquals(Optional.of("a=ok[A] | b=ok[B]"), Divergences.pattern(observed("a", "ok i32:1", "b", "ok i32:2")));
        // A NaN against a number is a real difference.
        assertEquals(Optional.of("a=ok[A] | b=ok[B]"),
                Divergences.pattern(observed("a", "ok f32:0x7fc00000", "b", "ok f32:0x3f800000")));
        assertFalse(Divergences.onlyNaNBitsDiffer(List.of("ok i32:1", "ok i32:1 i32:2")));
    }

    @Test
    void outcomeKindsAreNamedWithoutValues() {
        assertEquals(Optional.of("a,c=ok | b=trap integer_overflow | d=timeout"), Divergences.pattern(observed(
                "a", "ok i64:3", "b", "trap integer_overflow", "c", "ok i64:3", "d", "timeout")));
        assertEquals(Optional.of("a=rejected | b,c,d=instantiated"), Divergences.pattern(observed(
                "a", "rejected", "b", "instantiated", "c", "instantiated", "d", "instantiated")));
    }

    @Test
    void skipsAndConsequencesOfEarlierFailuresAreIgnored() {
        List<Outcome> outcomes = List.of(Outcome.pass("ok i32:1"), Outcome.skip("v128 or reference value"),
                Outcome.unavailable("module at line 3: rejected"), Outcome.pass("ok i32:1"));
        assertEquals(Optional.empty(), Divergences.detect("x.wast", CMD, ENGINES, outcomes));

        List<Outcome> split = List.of(Outcome.pass("ok i32:1"), Outcome.skip("v128 or reference value"),
                Outcome.fail("ok i32:2", "wrong result", ""), Outcome.pass("ok i32:1"));
        Divergences.Divergence d = Divergences.detect("x.wast", CMD, ENGINES, split).orElseThrow();
        assertEquals("a,d=ok[A] | c=ok[B]", d.pattern());
        assertEquals(7, d.line());
        assertEquals("assert_return", d.kind());
        assertEquals("skip v128 or reference value", d.observed().get("b"), "the report still shows every engine");
        assertEquals(ENGINES, List.copyOf(d.observed().keySet()));
    }

    @Test
    void groupsByFileAndPatternInOrderOfFirstOccurrence() {
        Divergences.Divergence x1 = new Divergences.Divergence("x.wast", 1, "module", Map.of(), "p");
        Divergences.Divergence y1 = new Divergences.Divergence("y.wast", 1, "module", Map.of(), "p");
        Divergences.Divergence x2 = new Divergences.Divergence("x.wast", 2, "module", Map.of(), "q");
        Divergences.Divergence x3 = new Divergences.Divergence("x.wast", 3, "module", Map.of(), "p");
        List<Divergences.Group> groups = Divergences.group(List.of(x1, y1, x2, x3));
        assertEquals(3, groups.size());
        assertEquals(List.of(x1, x3), groups.get(0).items());
        assertEquals("y.wast", groups.get(1).file());
        assertEquals(1, groups.get(2).count());
        Map<String, Long> byPattern = Divergences.countByPattern(List.of(x1, y1, x2, x3));
        assertEquals(Map.of("p", 3L, "q", 1L), byPattern);
        assertTrue(Divergences.group(List.of()).isEmpty());
    }
}
