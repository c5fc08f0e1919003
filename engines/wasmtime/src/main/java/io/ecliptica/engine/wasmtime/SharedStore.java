package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.List;

/**
 * A wasmtime store that hosts a series of instances of one module, with the module's host
 * functions created once for all of them.
 *
 * <p>Why: wasmtime-java creates host functions with wasmtime 7's {@code Func::new}, which compiles
 * a native trampoline for each one (measured: about 150 µs per function to create, and as much
 * again to free with the store), so a store per instance would cost milliseconds per
 * instantiation for a module with a dozen imports. Each instance still gets its own memory,
 * globals and tables (a store holds any number of instances); what the instances share is only
 * the store's bookkeeping and the host-function trampolines, which dispatch to the
 * {@link HostBridge} of the instance that is running ({@link #enter}).
 *
 * <p>A store takes at most {@link #MAX_INSTANCES} instances (or {@link #MEMORY_BUDGET} bytes of
 * their linear memory, counted when they close): their memory is only released when the store is
 * disposed, which happens once it has been retired and all its instances are closed.
 */
final class SharedStore {

    static final int MAX_INSTANCES = 32;
    static final long MEMORY_BUDGET = 16L << 20;

    private final Store<Void> store;
    private final List<Func> functions;
    private final List<Extern> externs;
    /** Guarded by this: instances created, still open, memory they left behind. */
    private int created;
    private int open;
    private long memoryLeft;
    private boolean retired;
    private boolean disposed;
    /** The bridge of the instance currently running wasm in this store; confined to that thread. */
    private HostBridge active;

    SharedStore(Engine engine, List<FunctionType> importTypes) {
        this.store = new Store<>(null, engine);
        this.functions = new ArrayList<>(importTypes.size());
        this.externs = new ArrayList<>(importTypes.size());
        try {
            for (int k = 0; k < importTypes.size(); k++) {
                int index = k;
                // The handler refers to this store object only, never to an instance, so unclosed
                // instances stay collectable while the native store keeps its handlers alive.
                Func f = new Func(store, funcType(importTypes.get(k)), (caller, args, out) -> dispatch(index, args, out));
                functions.add(f);
                externs.add(Extern.fromFunc(f));
            }
        } catch (RuntimeException | Error e) {
            disposeNative();
            throw e;
        }
    }

    Store<Void> store() {
        return store;
    }

    List<Extern> externs() {
        return externs;
    }

    /** Claims a place for one more instance; false if this store takes no more. */
    synchronized boolean reserve() {
        if (retired || disposed) {
            return false;
        }
        created++;
        open++;
        if (created >= MAX_INSTANCES) {
            retired = true;
        }
        return true;
    }

    /** An instance of this store was closed, leaving {@code memoryBytes} of linear memory behind. */
    synchronized void release(long memoryBytes) {
        open--;
        memoryLeft += memoryBytes;
        if (memoryLeft >= MEMORY_BUDGET) {
            retired = true;
        }
        disposeIfDone();
    }

    /** Takes no more instances; disposed as soon as the open ones are closed. */
    synchronized void retire() {
        retired = true;
        disposeIfDone();
    }

    private void disposeIfDone() {
        if (retired && open == 0 && !disposed) {
            disposeNative();
        }
    }

    private void disposeNative() {
        disposed = true;
        functions.forEach(Func::dispose);
        store.dispose(); // drops the host-function closures, which unregister their handlers
    }

    /** Makes {@code bridge} the target of host calls until {@link #exit}; returns the previous one. */
    HostBridge enter(HostBridge bridge) {
        HostBridge previous = active;
        active = bridge;
        return previous;
    }

    void exit(HostBridge previous) {
        active = previous;
    }

    private void dispatch(int index, Val[] args, Val[] out) {
        HostBridge bridge = active;
        if (bridge == null) {
            throw new IllegalStateException("host function called while no instance of this store runs");
        }
        bridge.invoke(index, args, out);
    }

    private static FuncType funcType(FunctionType type) {
        return new FuncType(valTypes(type.params()), valTypes(type.results()));
    }

    private static Val.Type[] valTypes(List<ValueType> types) {
        return types.stream().map(Values::valType).toArray(Val.Type[]::new);
    }
}
