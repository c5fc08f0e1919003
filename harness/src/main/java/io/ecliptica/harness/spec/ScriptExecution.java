package io.ecliptica.harness.spec;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.Metering;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.text.WastAction;
import io.ecliptica.text.WastCommand;
import io.ecliptica.text.WastModule;
import io.ecliptica.text.WastValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One script on one engine: the script's module registry and the engine calls for each command.
 * Every method runs on the engine's worker thread (the engine is single-threaded), except
 * {@link #stop()}, which the wall-clock guard calls from another thread.
 *
 * <p>Metered modules (an instrumenting profile, docs/gas.md §2) get the host side of the metering
 * contract here: the two {@code __ecliptica} imports (which throw, {@link Failures} maps them to
 * traps), unlimited gas ({@code __ecliptica_gas_set(2^63 - 1)}) right after instantiation, then the
 * input's start function ({@code __ecliptica_start}), whose trap is an instantiation trap; after
 * any call that did not return normally, every metered instance it entered gets its stack height
 * reset ({@code __ecliptica_stack_reset}), since scripts keep calling an instance after a trap. The
 * instrumenter's own exports ({@code __ecliptica_*}) are hidden from the modules of the script:
 * importing one from a registered instance is a link error, as on the raw module. (A script
 * cannot invoke one: wabt refuses a script invoking an export its module does not declare.)
 */
final class ScriptExecution implements AutoCloseable {

    /** What a module name (or "the current module") refers to on this engine. */
    private sealed interface Loaded {
        record Live(ModuleInstance instance) implements Loaded {}

        /** No instance: {@code consequence} is what every command that needs it gets. */
        record Missing(Outcome consequence) implements Loaded {}
    }

    /** How an attempt to compile and instantiate a module ended. */
    private record Attempt(String observed, String detail, ModuleInstance instance, Outcome blocked) {
        static Attempt blocked(Outcome why) {
            return new Attempt(null, "", null, why);
        }

        boolean instantiated() {
            return instance != null;
        }
    }

    private static final String GLOBAL_GET = "get of a global (the engine API has no global access)";
    private static final String NON_NUMERIC = "v128 or reference value";
    private static final String TAINTED = "module state changed by a skipped command (import of its memory/table/global, or an action with v128/reference values)";
    /**
     * "Unlimited" gas: 2^63 - 1, the largest remaining gas of the instrumenter's signed gas
     * counter (no run of the testsuite comes near it). Under the earlier unsigned scheme of
     * docs/gas.md, where -1 was the largest value, it is just as unlimited.
     */
    static final long UNLIMITED_GAS = Long.MAX_VALUE;
    /** Prefix of the exports the instrumenter adds (and of names the profile refuses to export). */
    static final String RESERVED_PREFIX = "__ecliptica";

    private final WasmEngine engine;
    private final PreparedScript script;
    private final ActiveCalls active = new ActiveCalls();
    /** Compiled module or its {@link ModuleRejectedException}, by module bytes. */
    private final Map<PreparedModule.Key, Object> compiled = new HashMap<>();
    private final List<ModuleInstance> instances = new ArrayList<>();
    /** The instances of metered modules. */
    private final Set<ModuleInstance> metered = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Taint taint = new Taint();
    private final Map<String, Loaded> named = new HashMap<>();
    private final Map<String, Loaded> registered = new HashMap<>();
    private Loaded current;

    ScriptExecution(WasmEngine engine, PreparedScript script) {
        this.engine = engine;
        this.script = script;
    }

    /** Called by the guard from another thread: asks every running call of this script to stop. */
    void stop() {
        active.interruptAll();
    }

    /**
     * A command overran the guard: if it was defining a module, that module is unusable from now on
     * (if the guard had to abandon the worker thread, the definition never completed). Runs on the
     * worker thread, as the task after the one that overran.
     */
    void timedOut(WastCommand command, Outcome outcome) {
        if (command instanceof WastCommand.DefineModule d) {
            define(d, new Loaded.Missing(Outcome.unavailable("module at line " + d.line() + ": " + outcome.observed())));
        }
    }

    Outcome execute(WastCommand command) {
        return switch (command) {
            case WastCommand.DefineModule d -> defineModule(d);
            case WastCommand.Register r -> register(r);
            case WastCommand.PerformAction a -> action(a.action(), a.expected(), false, true, (obs, res) -> res != null
                    ? Outcome.pass(obs)
                    : Outcome.fail(obs, "action failed: " + obs, ""));
            case WastCommand.AssertReturn a -> assertReturn(a);
            case WastCommand.AssertTrap a -> assertTrap(a.action(), a.expected(), TrapKind.fromMessage(a.message()));
            case WastCommand.AssertExhaustion a -> assertTrap(a.action(), a.expected(), TrapKind.CALL_STACK_EXHAUSTED);
            case WastCommand.AssertInvalid a -> assertRejected(a.module(), "invalid");
            case WastCommand.AssertMalformed a -> assertRejected(a.module(), "malformed");
            case WastCommand.AssertUnlinkable a -> assertUnlinkable(a.module());
            case WastCommand.AssertUninstantiable a -> assertUninstantiable(a.module(), TrapKind.fromMessage(a.message()));
            case WastCommand.Unsupported u -> Outcome.skip("unsupported command " + u.type());
        };
    }

    // ---- modules -----------------------------------------------------------------------------

    private Outcome defineModule(WastCommand.DefineModule d) {
        if (!d.module().isBinary()) {
            Outcome skip = Outcome.skip("text module");
            define(d, new Loaded.Missing(skip));
            return skip;
        }
        Attempt a = load(d.module(), true);
        if (a.blocked() != null) {
            define(d, new Loaded.Missing(a.blocked()));
            return a.blocked();
        }
        if (a.instantiated()) {
            define(d, new Loaded.Live(a.instance()));
            return Outcome.pass(a.observed());
        }
        Outcome failed = Outcome.fail(a.observed(), "valid module not instantiated: " + a.observed(), a.detail());
        define(d, new Loaded.Missing(Outcome.unavailable("module at line " + d.line() + ": " + a.observed()
                + (a.detail().isEmpty() ? "" : " (" + a.detail() + ")"))));
        return failed;
    }

    private void define(WastCommand.DefineModule d, Loaded loaded) {
        current = loaded;
        if (d.name() != null) {
            named.put(d.name(), loaded);
        }
    }

    private Outcome register(WastCommand.Register r) {
        Loaded target = r.name() == null ? current : named.get(r.name());
        if (target == null) {
            return Outcome.fail("script error", "script error: no module " + (r.name() == null ? "defined" : r.name()), "");
        }
        registered.put(r.as(), target);
        return target instanceof Loaded.Missing m ? m.consequence() : Outcome.pass("registered");
    }

    private Outcome assertRejected(WastModule module, String what) {
        if (!module.isBinary()) {
            return Outcome.skip("text module (module quote)");
        }
        PreparedModule p = script.module(module);
        if (p.refusal().isPresent()) {
            return Outcome.pass("rejected");
        }
        if (p.skip().isPresent()) {
            return Outcome.skip(p.skip().get()); // out of the profile's scope: it never judged validity
        }
        Object c = compile(p);
        if (c instanceof ModuleRejectedException) {
            return Outcome.pass("rejected");
        }
        if (c instanceof Attempt failed) {
            return Outcome.fail(failed.observed(), "compile failed: " + failed.observed(), failed.detail());
        }
        // Accepted: instantiate too, so the report says whether the engine catches it later.
        List<HostImport> imports = new ArrayList<>();
        List<ModuleInstance> sources = new ArrayList<>();
        Optional<Outcome> blocked = imports(p, imports, sources);
        Attempt a = blocked.isPresent() ? Attempt.blocked(blocked.get()) : instantiate(p, (CompiledModule) c, imports, sources);
        if (a.blocked() != null) {
            return Outcome.fail("compiled", what + " module accepted", "compiled; not instantiated: " + a.blocked().reason());
        }
        if (a.instantiated()) {
            close(a.instance());
            return Outcome.fail("instantiated", what + " module accepted", "compiled and instantiated");
        }
        return Outcome.fail(a.observed(), what + " module accepted by compile, failed at instantiation: " + a.observed(),
                a.detail());
    }

    private Outcome assertUnlinkable(WastModule module) {
        Attempt a = load(module, false);
        if (a.blocked() != null) {
            return a.blocked();
        }
        if (a.instantiated()) {
            close(a.instance());
        }
        return a.observed().equals("link error") ? Outcome.pass(a.observed())
                : Outcome.fail(a.observed(), "expected link error, got " + a.observed(), a.detail());
    }

    private Outcome assertUninstantiable(WastModule module, TrapKind expected) {
        Attempt a = load(module, true); // segments applied before the trap stay in imported memories and tables
        if (a.blocked() != null) {
            return a.blocked();
        }
        if (a.instantiated()) {
            close(a.instance());
        }
        String want = "trap " + expected.id();
        return a.observed().equals(want) ? Outcome.pass(a.observed())
                : Outcome.fail(a.observed(), "expected " + want + " at instantiation, got " + a.observed(), a.detail());
    }

    /**
     * Compile (cached) and instantiate with the script's imports. {@code taintOnSkip}: the script
     * expects the module's initialization to run, so if it has to be skipped, the instances whose
     * state it imports are tainted.
     */
    private Attempt load(WastModule module, boolean taintOnSkip) {
        if (!module.isBinary()) {
            return Attempt.blocked(Outcome.skip("text module"));
        }
        PreparedModule p = script.module(module);
        if (p.refusal().isPresent()) {
            return new Attempt("rejected", p.refusal().get(), null, null);
        }
        // Imports first: whether the harness can link the module at all does not depend on the
        // engine, so every engine skips the same modules.
        List<HostImport> imports = new ArrayList<>();
        List<ModuleInstance> sources = new ArrayList<>();
        Optional<Outcome> blocked = imports(p, imports, sources);
        if (blocked.isPresent()) {
            if (taintOnSkip && blocked.get().status() == Outcome.Status.SKIP) {
                taintExporters(p);
            }
            return Attempt.blocked(blocked.get());
        }
        if (p.skip().isPresent()) {
            // Out of the profile's scope: as if its import could not be provided, it is skipped,
            // and what it would have initialized in imported state is missing.
            if (taintOnSkip) {
                taintExporters(p);
            }
            return Attempt.blocked(Outcome.skip(p.skip().get()));
        }
        Object c = compile(p);
        if (c instanceof ModuleRejectedException e) {
            return new Attempt("rejected", Failures.firstLine(e.getMessage()), null, null);
        }
        if (c instanceof Attempt failed) {
            return failed;
        }
        return instantiate(p, (CompiledModule) c, imports, sources);
    }

    /** A {@link CompiledModule}, the {@link ModuleRejectedException}, or an {@link Attempt} for other failures. */
    private Object compile(PreparedModule p) {
        Object c = compiled.get(p.key());
        if (c == null) {
            try {
                c = engine.compile(p.bytes());
            } catch (ModuleRejectedException e) {
                c = e;
            } catch (Throwable t) {
                Failures.Observed o = Failures.observe(t);
                return new Attempt(o.observed(), o.detail(), null, null); // not cached: may be transient
            }
            compiled.put(p.key(), c);
        }
        return c;
    }

    private Attempt instantiate(PreparedModule p, CompiledModule module, List<HostImport> imports,
            List<ModuleInstance> sources) {
        ModuleInstance instance;
        try {
            instance = module.instantiate(imports);
            instances.add(instance);
            taint.dependsOn(instance, sources);
        } catch (Throwable t) {
            Failures.Observed o = Failures.observe(t);
            return new Attempt(o.observed(), o.detail(), null, null);
        }
        if (p.metered()) {
            metered.add(instance);
            active.drainEntered();
            try {
                // Gas before anything runs (the start function is metered), then the start function:
                // what the engine would have run at instantiation, had the profile not removed it.
                active.call(instance, Instrumenter.GAS_SET_EXPORT, new WasmValue[] {WasmValue.i64(UNLIMITED_GAS)});
                if (p.hasStart()) {
                    active.call(instance, Instrumenter.START_EXPORT, new WasmValue[0]);
                }
            } catch (Throwable t) {
                resetStacks(active.drainEntered()); // the start function may have entered registered instances
                close(instance);
                Failures.Observed o = Failures.observe(t);
                return new Attempt(o.observed(), o.detail(), null, null);
            }
        }
        return new Attempt("instantiated", "", instance, null);
    }

    /**
     * After a call that did not return normally: a trap can leave a non-zero height in a metered
     * instance's stack-height global (a {@code call_indirect} hands its callee's height over in it,
     * docs/gas.md §7), and the next call from the host would start from there. So every metered
     * instance the call entered gets it set back to 0 (best effort: an instance whose reset fails
     * is left as it is).
     */
    private void resetStacks(Set<ModuleInstance> entered) {
        for (ModuleInstance i : entered) {
            if (metered.contains(i)) {
                try {
                    i.call(Instrumenter.STACK_RESET_EXPORT);
                } catch (RuntimeException ignored) {
                    // e.g. interrupted: the next command on it will show what is wrong
                }
            }
        }
    }

    /**
     * Collects what the module imports: spectest's print functions and functions forwarded to
     * registered instances. Imports nobody offers are left out so the engine reports the link
     * error itself. Returns the outcome instead if the module cannot be set up here.
     */
    private Optional<Outcome> imports(PreparedModule p, List<HostImport> out,
            List<ModuleInstance> sources) {
        if (p.imports().isEmpty()) {
            return Optional.empty(); // undecodable: the engine decides what that means
        }
        ModuleImports imports = p.imports().get();
        Optional<String> unsupported = imports.unsupported();
        if (unsupported.isPresent()) {
            return Optional.of(Outcome.skip(unsupported.get()));
        }
        for (ModuleImports.Import imp : imports.imports()) {
            if (imp.module().equals(Spectest.MODULE)) {
                Spectest.function(imp.name()).ifPresent(out::add);
                continue;
            }
            if (p.metered() && imp.module().equals(Metering.HOST_MODULE)) {
                Metering.IMPORTS.stream().filter(h -> h.name().equals(imp.name())).forEach(out::add);
                continue;
            }
            Loaded from = registered.get(imp.module());
            if (from instanceof Loaded.Missing m) {
                return Optional.of(m.consequence());
            }
            if (from instanceof Loaded.Live live) {
                FunctionType type = metered.contains(live.instance()) && imp.name().startsWith(RESERVED_PREFIX)
                        ? null // the instrumenter's export: the raw module has none, so neither does this one
                        : exportType(live.instance(), imp.name());
                if (type != null) {
                    out.add(forward(imp.module(), imp.name(), live.instance(), type));
                    sources.add(live.instance());
                }
            }
        }
        return Optional.empty();
    }

    /** A module the script expected to initialize was skipped: what it imports may lack its segments. */
    private void taintExporters(PreparedModule p) {
        for (ModuleImports.Import imp : p.imports().map(ModuleImports::imports).orElse(List.of())) {
            if (imp.sharesState() && registered.get(imp.module()) instanceof Loaded.Live live) {
                taint.taint(live.instance());
            }
        }
    }

    private void taint(Loaded target) {
        if (target instanceof Loaded.Live live) {
            taint.taint(live.instance());
        }
    }

    private static FunctionType exportType(ModuleInstance instance, String name) {
        try {
            return instance.exportType(name);
        } catch (LinkException e) {
            return null; // not expressible through the API: the engine reports the import as unknown
        }
    }

    /** A host function that calls the registered instance's export: how module linking works here. */
    private HostImport forward(String module, String name, ModuleInstance target, FunctionType type) {
        return new HostImport(module, name, type, (memory, args) -> {
            WasmValue[] values = new WasmValue[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = new WasmValue(type.params().get(i), args[i]);
            }
            WasmValue[] results = active.call(target, name, values);
            long[] bits = new long[results.length];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = results[i].bits();
            }
            return bits;
        });
    }

    // ---- actions -------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Judge {
        /** {@code results} is null if the call did not return normally; {@code observed} says what happened. */
        Outcome judge(String observed, WasmValue[] results);
    }

    private Outcome assertReturn(WastCommand.AssertReturn a) {
        for (WastValue v : a.expected()) {
            if (!(v instanceof WastValue.Num || v instanceof WastValue.NanPattern)) {
                return Outcome.skip(NON_NUMERIC);
            }
        }
        return action(a.action(), a.expected(), true, false, (observed, results) -> {
            if (results == null) {
                return Outcome.fail(observed, "expected a result, got " + observed, "");
            }
            return Results.matches(a.expected(), results) ? Outcome.pass(observed)
                    : Outcome.fail(observed, Results.mismatchReason(a.expected(), results),
                            "expected " + Results.describe(a.expected()) + ", got " + observed);
        });
    }

    private Outcome assertTrap(WastAction action, List<WastValue> expected, TrapKind kind) {
        String want = "trap " + kind.id();
        return action(action, expected, false, false, (observed, results) -> observed.equals(want) ? Outcome.pass(observed)
                : Outcome.fail(observed, "expected " + want + ", got " + (results != null ? "a result" : observed), ""));
    }

    /**
     * Resolves and invokes an action. {@code expectedAreValues}: the expected list holds values to
     * compare (assert_return); otherwise only result types, which must still be numeric.
     */
    private Outcome action(WastAction action, List<WastValue> expected, boolean expectedAreValues, boolean bareAction,
            Judge judge) {
        if (action instanceof WastAction.Get) {
            return Outcome.skip(GLOBAL_GET);
        }
        WastAction.Invoke invoke = (WastAction.Invoke) action;
        Loaded target = invoke.module() == null ? current : named.get(invoke.module());
        List<WasmValue> args = new ArrayList<>();
        for (WastValue v : invoke.args()) {
            if (!(v instanceof WastValue.Num n)) {
                // The call may store the value (a table.set of an externref...): what the module
                // returns from now on is not what the script expects.
                taint(target);
                return Outcome.skip(NON_NUMERIC);
            }
            args.add(Results.toWasm(n));
        }
        if (!expectedAreValues && expected.stream().anyMatch(v -> !v.type().isNumeric())) {
            if (bareAction) {
                taint(target); // performed for its effect, which we do not produce
            }
            return Outcome.skip(NON_NUMERIC);
        }
        if (target == null) {
            return Outcome.fail("script error", "script error: no module " + (invoke.module() == null ? "defined" : invoke.module()), "");
        }
        if (target instanceof Loaded.Missing m) {
            return m.consequence();
        }
        ModuleInstance instance = ((Loaded.Live) target).instance();
        if (taint.isTainted(instance)) {
            return Outcome.skip(TAINTED);
        }
        WasmValue[] results;
        active.drainEntered();
        try {
            results = active.call(instance, invoke.field(), args.toArray(WasmValue[]::new));
        } catch (Throwable t) {
            resetStacks(active.drainEntered());
            Failures.Observed o = Failures.observe(t);
            Outcome judged = judge.judge(o.observed(), null);
            return judged.passed() || o.detail().isEmpty() ? judged
                    : new Outcome(judged.status(), judged.observed(), judged.comparable(), judged.reason(),
                            judged.detail().isEmpty() ? o.detail() : judged.detail() + "; " + o.detail());
        }
        return judge.judge(Results.observed(results), results);
    }

    private void close(ModuleInstance instance) {
        instances.remove(instance);
        metered.remove(instance);
        taint.forget(instance);
        try {
            instance.close();
        } catch (RuntimeException ignored) {
            // closing is best effort: the instance is unused from here on
        }
    }

    /** Closes every instance, then every compiled module of this script. */
    @Override
    public void close() {
        for (ModuleInstance i : instances) {
            try {
                i.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        instances.clear();
        metered.clear();
        taint.clear();
        for (Object c : compiled.values()) {
            if (c instanceof CompiledModule m) {
                try {
                    m.close();
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
        }
        compiled.clear();
    }
}
