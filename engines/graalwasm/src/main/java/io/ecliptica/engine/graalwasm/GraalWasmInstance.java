package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** One GraalWasm instance: its exports object plus the state its host-function wrappers share. */
final class GraalWasmInstance implements ModuleInstance {
    private final GraalWasmModule module;
    private final ModuleSignatures signatures;
    private final Value exports;
    private final InstanceState state;
    private final Map<String, Value> functions = new HashMap<>();

    GraalWasmInstance(GraalWasmModule module, ModuleSignatures signatures, Value exports, InstanceState state) {
        this.module = module;
        this.signatures = signatures;
        this.exports = exports;
        this.state = state;
    }

    @Override
    public WasmValue[] call(String export, WasmValue... args) {
        FunctionType type = checkedType(export, args);
        module.ensureOpen();
        Value function = functions.computeIfAbsent(export, exports::getMember);
        Object[] guestArgs = Values.toGuest(type.params(), args);
        CallToken token = new CallToken(Thread.currentThread());
        InstanceState.Suspended outer = state.begin(token);
        CallToken outerRunning = module.enter(token);
        try {
            return Values.results(type.results(), function.execute(guestArgs));
        } catch (PolyglotException | StackOverflowError e) {
            throw Failures.map(e, state.hostFailure());
        } catch (RuntimeException e) {
            throw Failures.map(e, null);
        } finally {
            module.exit(token, outerRunning);
            state.end(outer);
        }
    }

    private FunctionType checkedType(String export, WasmValue[] args) {
        Optional<FunctionType> signature = signatures.functionExports().get(export);
        if (signature == null) {
            throw new LinkException(LinkException.Reason.MISSING_EXPORT, "no function export named '" + export + "'", null);
        }
        FunctionType type = signature.orElseThrow(() -> new LinkException(LinkException.Reason.SIGNATURE_MISMATCH,
                "export '" + export + "' uses value types outside i32/i64/f32/f64", null));
        List<ValueType> given = Arrays.stream(args).map(WasmValue::type).toList();
        if (!given.equals(type.params())) {
            throw new LinkException(LinkException.Reason.SIGNATURE_MISMATCH,
                    "export '" + export + "' takes " + type.params() + " but was called with " + given, null);
        }
        return type;
    }

    @Override
    public FunctionType exportType(String export) {
        Optional<FunctionType> signature = signatures.functionExports().get(export);
        return signature == null ? null : signature.orElse(null);
    }

    @Override
    public void interrupt() {
        CallToken token = state.current();
        if (token == null) {
            return; // nothing running: an interrupt is not remembered for a later call
        }
        token.interruptRequested = true;
        if (token.thread != Thread.currentThread()) {
            module.interrupt(token);
        }
        // From inside one of this call's host functions: the host-boundary check ends the call.
    }
}
