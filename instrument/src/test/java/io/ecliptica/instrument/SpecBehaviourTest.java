package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.wasm.ChicoryException;
import io.ecliptica.text.ValType;
import io.ecliptica.text.WastAction;
import io.ecliptica.text.WastCommand;
import io.ecliptica.text.WastValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour preservation on the spec testsuite: every module of a representative set of scripts is
 * prepared under ecliptica-v1 (any imports allowed, memory limits of the spec) and run on Chicory
 * with unlimited gas; every {@code assert_return} must give the spec's expected values (a NaN
 * result must be the canonical NaN where the spec says {@code nan:canonical} or
 * {@code nan:arithmetic}), every {@code assert_trap} must trap with a WebAssembly trap (not out of
 * gas), every {@code assert_exhaustion} must end with the deterministic stack limit.
 */
class SpecBehaviourTest {

    /** ecliptica-v1 with the spec's own limits (memory up to 65536 pages, any imports). */
    static final Profile SPEC = Profile.ECLIPTICA_V1.withAnyImports().withLimits(
            new Limits(65536, false, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000, 1_000,
                    1_000_000));

    static Stream<String> scripts() {
        return Stream.of("address", "align", "block", "br", "br_if", "br_table", "bulk", "call", "call_indirect",
                "const", "conversions", "endianness", "exports", "f32", "f32_bitwise", "f32_cmp", "f64",
                "f64_bitwise", "f64_cmp", "fac", "float_exprs", "float_literals", "float_memory", "float_misc",
                "forward", "func", "func_ptrs", "global", "i32", "i64", "if", "int_exprs", "int_literals", "labels",
                "left-to-right", "load", "local_get", "local_set", "local_tee", "loop", "memory", "memory_copy",
                "memory_fill", "memory_grow", "memory_init", "memory_redundancy", "memory_size", "memory_trap",
                "names", "nop", "return", "select", "skip-stack-guard-page", "stack", "start", "store", "switch",
                "traps", "unreachable", "unreached-valid", "unwind");
    }

    /** Files whose modules all use reference types (externref functions, typed select, ref globals). */
    static boolean mayRunNothing(String file) {
        return file.equals("br_table") || file.equals("global") || file.equals("select");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void preparedModulesPassTheSpecAssertions(String file) {
        int[] counts = TestSupport.onBigStack(() -> runScript(file));
        System.out.println("spec " + file + ": " + counts[0] + " assertions passed, " + counts[1] + " skipped");
        assertTrue(counts[0] > 0 || mayRunNothing(file), file + ": no assertion ran (" + counts[1] + " skipped)");
    }

    static int[] runScript(String file) {
        Run current = null;
        Map<String, Run> named = new java.util.HashMap<>();
        int ran = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (WastCommand c : TestSupport.script(file).commands()) {
            String where = file + ":" + c.line();
            try {
                switch (c) {
                    case WastCommand.DefineModule d -> {
                        current = null;
                        if (!d.module().isBinary()) {
                            continue;
                        }
                        try {
                            byte[] prepared = Instrumenter.prepare(d.module().bytes(), SPEC).wasm();
                            current = Run.of(prepared);
                        } catch (ModuleRejectedException e) {
                            if (!e.feature().equals(Features.REFERENCE_TYPES)) {
                                failures.add(where + ": rejected " + e.getMessage());
                            }
                        } catch (IllegalArgumentException e) {
                            // imports from a registered module: not linked here
                        }
                        if (d.name() != null && current != null) {
                            named.put(d.name(), current);
                        }
                    }
                    case WastCommand.AssertReturn a -> {
                        Run r = target(a.action(), current, named);
                        if (r == null) {
                            skipped++;
                            continue;
                        }
                        long[] got = perform(r, a.action());
                        check(where, a.expected(), got, failures);
                        ran++;
                    }
                    case WastCommand.PerformAction a -> {
                        Run r = target(a.action(), current, named);
                        if (r != null) {
                            perform(r, a.action());
                        }
                    }
                    case WastCommand.AssertTrap a -> {
                        Run r = target(a.action(), current, named);
                        if (r == null) {
                            skipped++;
                            continue;
                        }
                        try {
                            perform(r, a.action());
                            failures.add(where + ": expected trap \"" + a.message() + "\", returned");
                        } catch (Run.OutOfGas | Run.StackExhausted e) {
                            failures.add(where + ": expected trap \"" + a.message() + "\", got " + e.getMessage());
                        } catch (ChicoryException e) {
                            ran++;
                        }
                    }
                    case WastCommand.AssertExhaustion a -> {
                        Run r = target(a.action(), current, named);
                        if (r == null) {
                            skipped++;
                            continue;
                        }
                        try {
                            perform(r, a.action());
                            failures.add(where + ": expected stack exhaustion, returned");
                        } catch (Run.StackExhausted e) {
                            ran++;
                        } catch (RuntimeException | StackOverflowError e) {
                            failures.add(where + ": expected the deterministic stack limit, got " + e);
                        }
                    }
                    case WastCommand.AssertUninstantiable a -> {
                        if (!a.module().isBinary()) {
                            continue;
                        }
                        try {
                            Run.of(Instrumenter.prepare(a.module().bytes(), SPEC).wasm());
                            failures.add(where + ": expected instantiation to trap");
                        } catch (ChicoryException e) {
                            ran++;
                        } catch (ModuleRejectedException | IllegalArgumentException e) {
                            skipped++;
                        }
                    }
                    default -> { }
                }
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(where + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        }
        return new int[] {ran, skipped};
    }

    static Run target(WastAction action, Run current, Map<String, Run> named) {
        String m = switch (action) {
            case WastAction.Invoke i -> i.module();
            case WastAction.Get g -> g.module();
        };
        return m == null ? current : named.get(m);
    }

    static long[] perform(Run r, WastAction action) {
        return switch (action) {
            case WastAction.Invoke i -> {
                r.resetStack(); // the script goes on calling an instance after its traps
                long[] args = new long[i.args().size()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = ((WastValue.Num) i.args().get(k)).bits();
                }
                long[] res = r.call(i.field(), args);
                yield res == null ? new long[0] : res;
            }
            case WastAction.Get g -> new long[] {r.instance.exports().global(g.field()).getValue()};
        };
    }

    static void check(String where, List<WastValue> expected, long[] got, List<String> failures) {
        if (expected.size() != got.length) {
            failures.add(where + ": expected " + expected + ", got " + got.length + " values");
            return;
        }
        for (int k = 0; k < got.length; k++) {
            WastValue e = expected.get(k);
            long bits = got[k];
            switch (e) {
                case WastValue.Num n -> {
                    long g = n.type() == ValType.I32 || n.type() == ValType.F32 ? bits & 0xFFFF_FFFFL : bits;
                    if (g != n.bits()) {
                        failures.add(where + ": result " + k + " expected " + n + ", got 0x" + Long.toHexString(g));
                    }
                }
                case WastValue.NanPattern p -> {
                    long g = p.type() == ValType.F32 ? bits & 0xFFFF_FFFFL : bits;
                    long canonical = p.type() == ValType.F32 ? Instrumenter.CANONICAL_NAN_F32 & 0xFFFF_FFFFL
                            : Instrumenter.CANONICAL_NAN_F64;
                    if (g != canonical) {
                        failures.add(where + ": result " + k + " expected the canonical NaN (" + p + "), got 0x"
                                + Long.toHexString(g));
                    }
                }
                default -> { }
            }
        }
    }
}
