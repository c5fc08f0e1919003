package io.ecliptica.instrument;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small in-memory host for ABI v1 (docs/abi.md §3), enough to run the bundled contracts before
 * and after instrumentation and compare what they do. Not the harness's host: limits and checks
 * follow the ABI, but nothing here is itself under test.
 */
final class AbiHost {

    static final class Revert extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final byte[] message;

        Revert(byte[] message) {
            super("revert");
            this.message = message;
        }
    }

    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final byte[] message;

        Abort(byte[] message) {
            super("abort");
            this.message = message;
        }
    }

    static final class AbiViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbiViolation(String m) {
            super("abi_violation: " + m);
        }
    }

    final byte[] input;
    final byte[] caller;
    final byte[] self;
    final long height;
    final long time;
    /** Committed storage, hex key to value; read through {@link #writes}. */
    final Map<String, byte[]> storage;
    /** This transaction's writes, hex key to value (null = deleted), in key order. */
    final TreeMap<String, byte[]> writes = new TreeMap<>();
    final List<String> events = new ArrayList<>();
    byte[] output = new byte[0];

    AbiHost(byte[] input, byte[] caller, byte[] self, long height, long time, Map<String, byte[]> storage) {
        this.input = input;
        this.caller = caller;
        this.self = self;
        this.height = height;
        this.time = time;
        this.storage = storage;
    }

    private static byte[] read(Instance inst, long ptr, long len) {
        Memory mem = inst.memory();
        if (len == 0) {
            return new byte[0];
        }
        if (mem == null || ptr + len > (long) mem.pages() * 65536) {
            throw new com.dylibso.chicory.runtime.TrapException("out of bounds memory access");
        }
        return mem.readBytes((int) ptr, (int) len);
    }

    private static void checkRange(Instance inst, long ptr, long len) {
        if (len == 0) {
            return;
        }
        Memory mem = inst.memory();
        if (mem == null || ptr + len > (long) mem.pages() * 65536) {
            throw new com.dylibso.chicory.runtime.TrapException("out of bounds memory access");
        }
    }

    private static void limit(long len, long max) {
        if (len > max) {
            throw new AbiViolation("length " + len + " over " + max);
        }
    }

    private static long u(long v) {
        return v & 0xFFFF_FFFFL;
    }

    private byte[] lookup(String key) {
        if (writes.containsKey(key)) {
            return writes.get(key);
        }
        return storage.get(key);
    }

    Map<String, Run.Host> functions() {
        Map<String, Run.Host> f = new HashMap<>();
        f.put("ecliptica.input_size", (inst, a) -> new long[] {input.length});
        f.put("ecliptica.input_read", (inst, a) -> {
            long dst = u(a[0]);
            long off = u(a[1]);
            long len = u(a[2]);
            if (off + len > input.length) {
                throw new AbiViolation("input range");
            }
            checkRange(inst, dst, len);
            if (len > 0) {
                inst.memory().write((int) dst, input, (int) off, (int) len);
            }
            return null;
        });
        f.put("ecliptica.storage_read", (inst, a) -> {
            limit(u(a[1]), 256);
            byte[] key = read(inst, u(a[0]), u(a[1]));
            checkRange(inst, u(a[2]), u(a[3]));
            byte[] v = lookup(HexFormat.of().formatHex(key));
            if (v == null) {
                return new long[] {-1};
            }
            int n = (int) Math.min(v.length, u(a[3]));
            if (n > 0) {
                inst.memory().write((int) u(a[2]), v, 0, n);
            }
            return new long[] {v.length};
        });
        f.put("ecliptica.storage_write", (inst, a) -> {
            limit(u(a[1]), 256);
            byte[] key = read(inst, u(a[0]), u(a[1]));
            limit(u(a[3]), 65536);
            byte[] val = read(inst, u(a[2]), u(a[3]));
            writes.put(HexFormat.of().formatHex(key), val);
            return null;
        });
        f.put("ecliptica.storage_remove", (inst, a) -> {
            limit(u(a[1]), 256);
            String key = HexFormat.of().formatHex(read(inst, u(a[0]), u(a[1])));
            boolean present = lookup(key) != null;
            writes.put(key, null);
            return new long[] {present ? 1 : 0};
        });
        f.put("ecliptica.return_data", (inst, a) -> {
            limit(u(a[1]), 65536);
            output = read(inst, u(a[0]), u(a[1]));
            return null;
        });
        f.put("ecliptica.emit_event", (inst, a) -> {
            limit(u(a[1]), 256);
            byte[] topic = read(inst, u(a[0]), u(a[1]));
            limit(u(a[3]), 65536);
            byte[] data = read(inst, u(a[2]), u(a[3]));
            if (events.size() >= 1024) {
                throw new AbiViolation("too many events");
            }
            events.add(HexFormat.of().formatHex(topic) + ":" + HexFormat.of().formatHex(data));
            return null;
        });
        f.put("ecliptica.caller", (inst, a) -> {
            checkRange(inst, u(a[0]), 32);
            inst.memory().write((int) u(a[0]), caller);
            return null;
        });
        f.put("ecliptica.self_address", (inst, a) -> {
            checkRange(inst, u(a[0]), 32);
            inst.memory().write((int) u(a[0]), self);
            return null;
        });
        f.put("ecliptica.block_height", (inst, a) -> new long[] {height});
        f.put("ecliptica.block_time", (inst, a) -> new long[] {time});
        f.put("ecliptica.revert", (inst, a) -> {
            limit(u(a[1]), 65536);
            throw new Revert(read(inst, u(a[0]), u(a[1])));
        });
        f.put("ecliptica.abort", (inst, a) -> {
            limit(u(a[1]), 65536);
            throw new Abort(read(inst, u(a[0]), u(a[1])));
        });
        f.put("ecliptica.crypto_sha256", (inst, a) -> {
            limit(u(a[1]), 65536);
            byte[] data = read(inst, u(a[0]), u(a[1]));
            checkRange(inst, u(a[2]), 32);
            try {
                inst.memory().write((int) u(a[2]), java.security.MessageDigest.getInstance("SHA-256").digest(data));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        return f;
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
