package io.ecliptica.engine.chicory;

import io.ecliptica.engine.Memory;
import io.ecliptica.engine.MemoryAccessException;

/**
 * The calling instance's memory exported as {@code memory}, as a host function sees it. Every
 * range is checked (unsigned) against the current size before Chicory is touched, so an access is
 * all or nothing. A module without such an export has an empty memory (ABI §1): an empty range at
 * address 0 is fine, anything else fails.
 */
final class ChicoryMemory implements Memory {

    private final com.dylibso.chicory.runtime.Instance instance;
    private final int memoryIndex;

    /** @param memoryIndex index of the memory exported as {@code memory}, or -1 if there is none */
    ChicoryMemory(com.dylibso.chicory.runtime.Instance instance, int memoryIndex) {
        this.instance = instance;
        this.memoryIndex = memoryIndex;
    }

    @Override
    public long size() {
        return memoryIndex < 0 ? 0 : (long) instance.memory(memoryIndex).pages() * com.dylibso.chicory.runtime.Memory.PAGE_SIZE;
    }

    @Override
    public void checkRange(int address, int length) {
        long size = size();
        long start = Integer.toUnsignedLong(address);
        long len = Integer.toUnsignedLong(length);
        if (start + len > size) {
            if (memoryIndex < 0) {
                throw new MemoryAccessException("host access [" + start + ", " + (start + len)
                        + ") outside memory: the module exports no memory named '" + ChicoryModule.MEMORY_EXPORT + "'");
            }
            throw new MemoryAccessException(start, len, size);
        }
    }

    @Override
    public byte[] read(int address, int length) {
        checkRange(address, length);
        if (length == 0) {
            return new byte[0];
        }
        return instance.memory(memoryIndex).readBytes(address, length);
    }

    @Override
    public void write(int address, byte[] bytes) {
        checkRange(address, bytes.length);
        if (bytes.length != 0) {
            instance.memory(memoryIndex).write(address, bytes, 0, bytes.length);
        }
    }
}
