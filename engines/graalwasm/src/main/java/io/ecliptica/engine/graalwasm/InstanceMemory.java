package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.Memory;
import java.nio.ByteOrder;
import org.graalvm.polyglot.Value;

/**
 * The {@link Memory} host functions of one instance see: that instance's export {@code "memory"}.
 *
 * <p>GraalWasm calls a host function without telling it which instance called, so each instance
 * gets its own host-function wrappers and this view, bound to the export once instantiation has
 * returned. Until then (a start function calling the host) and for modules without a memory export,
 * the host sees an empty memory: size 0, so any non-empty access throws {@link io.ecliptica.engine.MemoryAccessException}.
 */
final class InstanceMemory implements Memory {
    private volatile Value memory;

    void bind(Value exported) {
        this.memory = exported;
    }

    @Override
    public long size() {
        Value m = memory;
        return m == null ? 0 : m.getBufferSize(); // read on every access: memory.grow changes it
    }

    @Override
    public byte[] read(int address, int length) {
        Value m = memory;
        checkRange(address, length);
        byte[] out = new byte[length];
        if (length > 0) {
            m.readBuffer(Integer.toUnsignedLong(address), out, 0, length);
        }
        return out;
    }

    @Override
    public void write(int address, byte[] bytes) {
        Value m = memory;
        checkRange(address, bytes.length);
        if (bytes.length == 0) {
            return;
        }
        long base = Integer.toUnsignedLong(address);
        // The polyglot API has a bulk read but no bulk write; 8-byte stores cut the calls eightfold.
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            m.writeBufferLong(ByteOrder.LITTLE_ENDIAN, base + i, littleEndianLong(bytes, i));
        }
        for (; i < bytes.length; i++) {
            m.writeBufferByte(base + i, bytes[i]);
        }
    }

    private static long littleEndianLong(byte[] b, int off) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xffL);
        }
        return v;
    }
}
