package io.ecliptica.engine;

/**
 * The calling instance's linear memory as seen by a host function. Every access is bounds-checked:
 * a range outside the memory throws {@link MemoryAccessException}, never a partial copy.
 */
public interface Memory {

    /** Current size in bytes. */
    long size();

    byte[] read(int address, int length);

    void write(int address, byte[] bytes);

    /** Checks {@code [address, address + length)} against the current size, treating both as unsigned. */
    default void checkRange(int address, int length) {
        long start = Integer.toUnsignedLong(address);
        long len = Integer.toUnsignedLong(length);
        if (start + len > size()) {
            throw new MemoryAccessException(start, len, size());
        }
    }
}
