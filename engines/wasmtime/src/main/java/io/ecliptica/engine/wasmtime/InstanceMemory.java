package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.Memory;
import io.ecliptica.engine.MemoryAccessException;
import io.github.kawamuray.wasmtime.Caller;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Store;
import java.nio.ByteBuffer;

/**
 * The calling instance's exported memory {@code "memory"}, as host functions see it. Bound on the
 * first host call through that call's {@link Caller} (a host call may come from the start function,
 * before the adapter holds the instance), then kept: a wasmtime memory handle stays valid for the
 * store's lifetime. Every access asks the binding for a fresh buffer because {@code memory.grow}
 * may have moved or enlarged the memory since the last one.
 */
final class InstanceMemory implements Memory {

    private final Store<Void> store;
    private final boolean exported;
    private io.github.kawamuray.wasmtime.Memory memory;

    InstanceMemory(Store<Void> store, boolean exported) {
        this.store = store;
        this.exported = exported;
    }

    /** Called at the start of each host call; cheap once bound. */
    void bind(Caller<Void> caller) {
        if (memory == null && exported) {
            Extern export = caller.getExport("memory").orElse(null);
            if (export != null && export.type() == Extern.Type.MEMORY) {
                memory = export.memory();
            }
        }
    }

    @Override
    public long size() {
        return memory == null ? 0 : memory.dataSize(store);
    }

    @Override
    public byte[] read(int address, int length) {
        ByteBuffer buffer = buffer();
        check(buffer, address, length);
        byte[] out = new byte[length];
        buffer.get(address, out);
        return out;
    }

    @Override
    public void write(int address, byte[] bytes) {
        ByteBuffer buffer = buffer();
        check(buffer, address, bytes.length);
        buffer.put(address, bytes);
    }

    private ByteBuffer buffer() {
        if (memory == null) {
            throw new MemoryAccessException("the module exports no memory named \"memory\"");
        }
        return memory.buffer(store);
    }

    private static void check(ByteBuffer buffer, int address, int length) {
        long start = Integer.toUnsignedLong(address);
        long len = Integer.toUnsignedLong(length);
        if (start + len > buffer.capacity()) {
            throw new MemoryAccessException(start, len, buffer.capacity());
        }
    }

    /** Frees the binding's handle object (not the memory itself, which belongs to the store). */
    void dispose() {
        if (memory != null) {
            memory.dispose();
            memory = null;
        }
    }
}
