package io.ecliptica.harness.abi;

import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.Memory;
import io.ecliptica.engine.ValueType;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host ABI v1 (docs/abi.md): the host functions of one call, bound to that call's context, storage
 * overlay, output and events. One instance per call; not shared between threads.
 */
public final class HostAbi {
    public static final String ID = "ecliptica-abi/1";
    public static final String MODULE = "ecliptica";

    public static final int MAX_KEY = 256;
    public static final int MAX_VALUE = 65536;
    public static final int MAX_TOPIC = 256;
    public static final int MAX_EVENT_DATA = 65536;
    public static final int MAX_EVENTS = 1024;
    public static final int MAX_OUTPUT = 65536;
    public static final int ADDRESS_LENGTH = 32;
    public static final int MAX_HASH_INPUT = 65536;

    private static final long[] NONE = new long[0];

    private final CallContext context;
    private final StorageOverlay storage;
    private final List<Event> events = new ArrayList<>();
    private Bytes output = Bytes.EMPTY;

    public HostAbi(CallContext context, StorageOverlay storage) {
        this.context = context;
        this.storage = storage;
    }

    public Bytes output() {
        return output;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public StorageOverlay storage() {
        return storage;
    }

    /** The imports offered to the module; the engine links only those the module declares. */
    public List<HostImport> imports() {
        return List.of(
                fn("input_size", sig(), sig(I32), (m, a) -> new long[] {context.input().length()}),
                fn("input_read", sig(I32, I32, I32), sig(), this::inputRead),
                fn("storage_read", sig(I32, I32, I32, I32), sig(I32), this::storageRead),
                fn("storage_write", sig(I32, I32, I32, I32), sig(), this::storageWrite),
                fn("storage_remove", sig(I32, I32), sig(I32), this::storageRemove),
                fn("return_data", sig(I32, I32), sig(), this::returnData),
                fn("emit_event", sig(I32, I32, I32, I32), sig(), this::emitEvent),
                fn("caller", sig(I32), sig(), (m, a) -> writeAddress(m, a, context.caller())),
                fn("self_address", sig(I32), sig(), (m, a) -> writeAddress(m, a, context.self())),
                fn("block_height", sig(), sig(I64), (m, a) -> new long[] {context.blockHeight()}),
                fn("block_time", sig(), sig(I64), (m, a) -> new long[] {context.blockTime()}),
                fn("revert", sig(I32, I32), sig(), (m, a) -> {
                    throw new HostSignal.Revert(readLimited(m, a[0], a[1], MAX_OUTPUT, "revert message"));
                }),
                fn("abort", sig(I32, I32), sig(), (m, a) -> {
                    throw new HostSignal.Abort(readLimited(m, a[0], a[1], MAX_OUTPUT, "abort message"));
                }),
                fn("crypto_sha256", sig(I32, I32, I32), sig(), this::sha256));
    }

    private long[] inputRead(Memory m, long[] a) {
        long offset = Integer.toUnsignedLong((int) a[1]);
        long len = Integer.toUnsignedLong((int) a[2]);
        if (offset + len > context.input().length()) {
            throw new HostSignal.AbiViolation("input_read: [" + offset + ", " + (offset + len)
                    + ") is outside the " + context.input().length() + "-byte input");
        }
        m.checkRange((int) a[0], (int) len);
        byte[] input = context.input().toByteArray();
        byte[] slice = new byte[(int) len];
        System.arraycopy(input, (int) offset, slice, 0, (int) len);
        m.write((int) a[0], slice);
        return NONE;
    }

    private long[] storageRead(Memory m, long[] a) {
        Bytes key = readLimited(m, a[0], a[1], MAX_KEY, "storage key");
        int dst = (int) a[2];
        int cap = (int) a[3];
        m.checkRange(dst, cap);
        Optional<Bytes> value = storage.get(key);
        if (value.isEmpty()) {
            return new long[] {-1};
        }
        byte[] v = value.get().toByteArray();
        long copy = Math.min(v.length, Integer.toUnsignedLong(cap));
        if (copy > 0) {
            byte[] prefix = copy == v.length ? v : java.util.Arrays.copyOf(v, (int) copy);
            m.write(dst, prefix);
        }
        return new long[] {v.length};
    }

    private long[] storageWrite(Memory m, long[] a) {
        Bytes key = readLimited(m, a[0], a[1], MAX_KEY, "storage key");
        Bytes value = readLimited(m, a[2], a[3], MAX_VALUE, "storage value");
        storage.put(key, value);
        return NONE;
    }

    private long[] storageRemove(Memory m, long[] a) {
        Bytes key = readLimited(m, a[0], a[1], MAX_KEY, "storage key");
        return new long[] {storage.remove(key) ? 1 : 0};
    }

    private long[] returnData(Memory m, long[] a) {
        output = readLimited(m, a[0], a[1], MAX_OUTPUT, "return data");
        return NONE;
    }

    private long[] emitEvent(Memory m, long[] a) {
        Bytes topic = readLimited(m, a[0], a[1], MAX_TOPIC, "event topic");
        Bytes data = readLimited(m, a[2], a[3], MAX_EVENT_DATA, "event data");
        if (events.size() >= MAX_EVENTS) {
            throw new HostSignal.AbiViolation("emit_event: more than " + MAX_EVENTS + " events");
        }
        events.add(new Event(topic, data));
        return NONE;
    }

    /** SHA-256 of {@code [data, data+len)} written as 32 bytes at {@code out}. */
    private long[] sha256(Memory m, long[] a) {
        Bytes data = readLimited(m, a[0], a[1], MAX_HASH_INPUT, "crypto_sha256 input");
        m.checkRange((int) a[2], 32);
        m.write((int) a[2], StateRootScheme.sha256(data).toByteArray());
        return NONE;
    }

    private static long[] writeAddress(Memory m, long[] a, Bytes address) {
        m.write((int) a[0], address.toByteArray());
        return NONE;
    }

    /**
     * Reads {@code [ptr, ptr+len)} after checking the ABI limit first: an oversized length is an
     * ABI violation even when the range would also be out of bounds.
     */
    private static Bytes readLimited(Memory m, long ptr, long len, int limit, String what) {
        long n = Integer.toUnsignedLong((int) len);
        if (n > limit) {
            throw new HostSignal.AbiViolation(what + " of " + n + " bytes exceeds the limit of " + limit);
        }
        m.checkRange((int) ptr, (int) n);
        return Bytes.of(m.read((int) ptr, (int) n));
    }

    private static HostImport fn(String name, List<ValueType> params, List<ValueType> results, HostFunction f) {
        return new HostImport(MODULE, name, new FunctionType(params, results), f);
    }

    private static List<ValueType> sig(ValueType... types) {
        return List.of(types);
    }
}
