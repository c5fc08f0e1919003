package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ValueType;
import java.util.List;

/**
 * Per-instance glue between Chicory's host calls and {@link io.ecliptica.engine.HostFunction}s:
 * converts values, hands the host a bounds-checked view of the calling instance's memory, and
 * remembers the exception a host function threw so the adapter can rethrow that very object.
 * Confined to the thread running the instance.
 */
final class HostCallState {

    private final int memoryExportIndex;
    private Throwable hostFailure;

    HostCallState(int memoryExportIndex) {
        this.memoryExportIndex = memoryExportIndex;
    }

    /** The exception the last failing host function threw during the current call, or null. */
    Throwable hostFailure() {
        return hostFailure;
    }

    void resetHostFailure() {
        hostFailure = null;
    }

    /** Puts back a suspended outer call's record when a re-entrant call of the instance ends. */
    void restoreHostFailure(Throwable outer) {
        hostFailure = outer;
    }

    /** A Chicory host-function body calling {@code host}, whose type already matches the import. */
    WasmFunctionHandle bridge(HostImport host) {
        ValueType[] params = host.type().params().toArray(ValueType[]::new);
        List<ValueType> results = host.type().results();
        ValueType[] resultTypes = results.toArray(ValueType[]::new);
        String where = host.module() + "." + host.name();
        return (Instance caller, long... args) -> {
            long[] in = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                in[i] = Values.toApiBits(params[i], args[i]);
            }
            long[] out;
            try {
                out = host.function().call(new ChicoryMemory(caller, memoryExportIndex), in);
                if (out == null) {
                    out = Values.NONE;
                }
                if (out.length != resultTypes.length) {
                    throw new IllegalStateException("host function " + where + " returned " + out.length
                            + " results, its type " + host.type() + " has " + resultTypes.length);
                }
            } catch (StackOverflowError e) {
                // The guest's recursion ran the thread's stack out inside the host call: that is the
                // guest's call stack being exhausted, so let it surface as that trap.
                throw e;
            } catch (Throwable e) {
                hostFailure = e;
                throw Values.sneakyThrow(e);
            }
            long[] chicoryOut = new long[out.length];
            for (int i = 0; i < out.length; i++) {
                chicoryOut[i] = Values.toChicoryBits(resultTypes[i], out[i]);
            }
            return chicoryOut;
        };
    }
}
