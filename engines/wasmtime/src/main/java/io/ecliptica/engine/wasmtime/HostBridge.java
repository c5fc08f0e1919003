package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ValueType;
import io.github.kawamuray.wasmtime.Val;
import java.util.List;

/**
 * One instance's host functions, in the module's import order, and what they need: the instance's
 * memory view and a side channel for their exceptions. The store's host functions dispatch here
 * while the instance runs ({@link SharedStore#enter}).
 *
 * <p>The binding turns an exception thrown by a host function into a generic
 * {@code WasmtimeException} whose message has lost it, so the bridge records the first exception a
 * host function threw since {@link #reset()}, and the adapter rethrows that very object. Confined
 * to the thread running the instance.
 */
final class HostBridge {

    private final List<HostImport> hosts;
    private final InstanceMemory memory;
    private Throwable failure;

    HostBridge(List<HostImport> hosts, InstanceMemory memory) {
        this.hosts = hosts;
        this.memory = memory;
    }

    InstanceMemory memory() {
        return memory;
    }

    void reset() {
        failure = null;
    }

    /** Puts back the record of an outer call of the instance when a re-entrant call ends. */
    void restore(Throwable outer) {
        failure = outer;
    }

    /** The first exception a host function threw since {@link #reset()}, or null. */
    Throwable failure() {
        return failure;
    }

    /** Runs import {@code index} for wasm: {@code args} in, {@code out} filled; types already match. */
    void invoke(int index, Val[] args, Val[] out) {
        HostImport host = hosts.get(index);
        try {
            long[] raw = new long[args.length];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Values.toBits(args[i]);
            }
            long[] returned = host.function().call(memory, raw);
            List<ValueType> results = host.type().results();
            int count = returned == null ? 0 : returned.length;
            if (count != results.size()) {
                throw new IllegalStateException("host function " + host.module() + "." + host.name() + " returned " + count
                        + " values, its type " + host.type() + " has " + results.size());
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = Values.toVal(results.get(i), returned[i]);
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
            throw t; // makes the binding fail the wasm call; the adapter rethrows `failure`
        }
    }
}
