package io.ecliptica.engine;

/** A host function touched memory outside the instance's linear memory (or there is no memory). */
public final class MemoryAccessException extends RuntimeException {

    public MemoryAccessException(long address, long length, long memorySize) {
        super("host access [" + address + ", " + (address + length) + ") outside memory of " + memorySize + " bytes");
    }

    public MemoryAccessException(String message) {
        super(message);
    }
}
