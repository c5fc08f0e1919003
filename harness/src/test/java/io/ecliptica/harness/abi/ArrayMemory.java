package io.ecliptica.harness.abi;

import io.ecliptica.engine.Memory;


/** A plain byte-array memory for exercising host functions without an engine. */
final class ArrayMemory implements Memory {
    final byte[] bytes;

    ArrayMemory(int size) {
        bytes = new byte[size];
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public byte[] read(int address, int length) {
        checkRange(address, length);
        byte[] out = new byte[length];
        System.arraycopy(bytes, address, out, 0, length);
        return out;
    }

    @Override
    public void write(int address, byte[] data) {
        checkRange(address, data.length);
        System.arraycopy(data, 0, bytes, address, data.length);
    }

    void put(int address, byte... data) {
        System.arraycopy(data, 0, bytes, address, data.length);
    }

}
