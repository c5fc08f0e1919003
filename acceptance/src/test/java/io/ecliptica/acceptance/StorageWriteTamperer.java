package io.ecliptica.acceptance;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.Memory;
import io.ecliptica.engine.WasmEngine;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only engine: a real engine whose {@code ecliptica.storage_write} sees an altered value on
 * its {@code n}-th call, and again whenever exactly that write (same key, same value) recurs, so
 * that re-running the transaction for localization alters it the same way. Stands in for an engine
 * with a memory bug that corrupts one write. Never registered: tests construct it.
 */
final class StorageWriteTamperer implements WasmEngine {
    static final String ID = "storage-write-tamperer";

    private final WasmEngine inner;
    private final int n;
    private int calls;
    private byte[] targetKey;
    private byte[] targetValue;
    private byte[] alteredValue;

    StorageWriteTamperer(WasmEngine inner, int n) {
        this.inner = inner;
        this.n = n;
    }

    /** The value the n-th write meant to store, and what this engine stored instead (null before it happened). */
    byte[] originalValue() {
        return targetValue;
    }

    byte[] alteredValue() {
        return alteredValue;
    }

    @Override
    public EngineDescriptor descriptor() {
        EngineDescriptor d = inner.descriptor();
        return new EngineDescriptor(ID, d.library(), d.version(), d.mode() + ", storage write #" + n + " altered");
    }

    @Override
    public CompiledModule compile(byte[] wasm) {
        CompiledModule module = inner.compile(wasm);
        return new CompiledModule() {
            @Override
            public io.ecliptica.engine.ModuleInstance instantiate(List<HostImport> imports) {
                return module.instantiate(imports.stream().map(StorageWriteTamperer.this::wrap).toList());
            }

            @Override
            public void close() {
                module.close();
            }
        };
    }

    private HostImport wrap(HostImport i) {
        if (!i.module().equals("ecliptica") || !i.name().equals("storage_write")) {
            return i;
        }
        HostFunction real = i.function();
        return new HostImport(i.module(), i.name(), i.type(), (memory, args) -> real.call(tamper(memory, args), args));
    }

    /** storage_write(key_ptr, key_len, value_ptr, value_len): the memory the host reads the value from. */
    private Memory tamper(Memory memory, long[] args) {
        int valuePtr = (int) args[2];
        int valueLen = (int) args[3];
        calls++;
        byte[] key = memory.read((int) args[0], (int) args[1]);
        byte[] value = memory.read(valuePtr, valueLen);
        if (calls == n && valueLen > 0) {
            targetKey = key;
            targetValue = value;
            alteredValue = value.clone();
            alteredValue[0] ^= 1;
        }
        if (targetKey == null || !Arrays.equals(key, targetKey) || !Arrays.equals(value, targetValue)) {
            return memory;
        }
        return new Memory() {
            @Override
            public long size() {
                return memory.size();
            }

            @Override
            public byte[] read(int address, int length) {
                return address == valuePtr && length == valueLen ? alteredValue.clone() : memory.read(address, length);
            }

            @Override
            public void write(int address, byte[] bytes) {
                memory.write(address, bytes);
            }
        };
    }

    @Override
    public void close() {
        inner.close();
    }
}
