package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.Memory;
import io.ecliptica.engine.MemoryAccessException;
import io.github.kawamuray.wasmtime.Store;
import java.nio.ByteBuffer;

/**
 * An instance's exported memory {@code "memory"}, as its host functions see it, or no memory at
 * all (then it is an empty memory, as docs/abi.md §1 says: only a non-empty access throws). Every access asks the binding for a fresh buffer because
 * {@code memory.grow} may have moved or enlarged the memory since the last one. The buffer is a
 * {@code ByteBuffer}, so a memory above 2 GiB is only reachable up to its first 2 GiB.
 */
final class InstanceMemory implements Memory {

    private final Store<Void> store;
    private io.github.kawamuray.wasmtime.Memory memory;

    /** @param memory the binding's handle of the exported memory, or null */
    InstanceMemory(Store<Void> store, io.github.kawamuray.wasmtime.Memory memory) {
        this.store = store;
        this.memory = memory;
    }

    @Override
    public long size() {
        return memory == null ? 0 : memory.dataSize(store);
    }

    @Override
    public byte[] read(int address, int length) {
        if (memory == null) {
            checkRange(address, length);
            return new byte[0];
        }
        ByteBuffer buffer = buffer();
        check(buffer, address, length);
        byte[] out = new byte[length];
        buffer.get(address, out);
        return out;
    }

    @Override
    public void write(int address, byte[] bytes) {
        if (memory == null) {
            checkRange(address, bytes.length);
            return;
        }
        ByteBuffer buffer = buffer();
        check(buffer, address, bytes.length);
        buffer.put(address, bytes);
    }

    private ByteBuffer buffer() {
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
