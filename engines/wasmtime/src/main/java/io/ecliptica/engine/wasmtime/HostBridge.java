package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ValueType;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Val;

/**
 * Per-instance glue between wasmtime-java host calls and {@link io.ecliptica.engine.HostFunction}s.
 *
 * <p>The binding turns an exception thrown by a host function into a generic
 * {@code WasmtimeException} whose message has lost it, so the bridge keeps a side channel: the
 * first exception a host function threw since {@link #reset()}, which the adapter rethrows as is.
 * Confined to the thread running the instance. Holds no reference to the adapter's instance object,
 * so that object can become unreachable (and be cleaned) while the store still holds the handlers.
 */
final class HostBridge {

    private final InstanceMemory memory;
    private Throwable failure;

    HostBridge(InstanceMemory memory) {
        this.memory = memory;
    }

    InstanceMemory memory() {
        return memory;
    }

    void reset() {
        failure = null;
    }

    /** The first exception a host function threw since {@link #reset()}, or null. */
    Throwable failure() {
        return failure;
    }

    /** A binding handler calling {@code host}; its type already matches the import. */
    Func.Handler<Void> handler(HostImport host) {
        ValueType[] params = host.type().params().toArray(ValueType[]::new);
        ValueType[] results = host.type().results().toArray(ValueType[]::new);
        String where = host.module() + "." + host.name();
        return (caller, args, out) -> {
            try {
                memory.bind(caller);
                long[] raw = new long[params.length];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = Values.toBits(args[i]);
                }
                long[] returned = host.function().call(memory, raw);
                int count = returned == null ? 0 : returned.length;
                if (count != results.length) {
                    throw new IllegalStateException("host function " + where + " returned " + count
                            + " values, its type " + host.type() + " has " + results.length);
                }
                for (int i = 0; i < results.length; i++) {
                    out[i] = Values.toVal(results[i], returned[i]);
                }
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                throw t; // makes the binding fail the wasm call; the adapter rethrows `failure`
            }
        };
    }
}
