package io.ecliptica.harness.abi;

import io.ecliptica.harness.state.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The host calls of one transaction folded into a SHA-256 hash chain (docs/abi.md §5). Two engines
 * that made the same host calls with the same arguments, and got the same answers, end with the
 * same {@link #digest()}; when digests differ, the recorded {@link #calls()} show the first call
 * where they part. Per-instruction traces are not portable (compiled engines cannot give them);
 * host calls are the points where every engine must meet the host in the same order.
 *
 * <p>The digest is always kept (one hash per call); the full list only when {@code recording}, for
 * re-running a transaction that needs localizing. Not thread-safe: one trace per call.
 */
public final class HostCallTrace {

    /**
     * One host call.
     *
     * @param index    0-based position in the transaction
     * @param depth    call depth of the contract that made it (0 = the transaction's target)
     * @param function host function name, e.g. {@code storage_write}
     * @param args     the arguments, i32 zero-extended to 64 bits, i64 as is
     * @param data     the bytes the call read from or gave to the module, in the order of docs/abi.md §5
     * @param results  the results, i32 zero-extended
     * @param signal   "" if the call returned, else the class of what ended it (revert, abort,
     *                 abi_violation, out_of_bounds_memory, ...)
     */
    public record HostCall(int index, int depth, String function, List<Long> args, List<Bytes> data,
                           List<Long> results, String signal) {
        public HostCall {
            args = List.copyOf(args);
            data = List.copyOf(data);
            results = List.copyOf(results);
        }

        /** A one-line rendering for reports; long data is abbreviated to its length and hash. */
        public String describe() {
            StringBuilder s = new StringBuilder().append('#').append(index).append(' ');
            if (depth > 0) {
                s.append("[depth ").append(depth).append("] ");
            }
            s.append(function).append('(');
            for (int i = 0; i < args.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(args.get(i)));
            }
            s.append(')');
            for (Bytes d : data) {
                s.append(' ').append(d.length() <= 32 ? d.toHex()
                        : d.length() + " bytes sha256:" + Bytes.of(sha256(d.toByteArray())).toHex().substring(2, 18));
            }
            if (!results.isEmpty()) {
                s.append(" -> ");
                for (int i = 0; i < results.size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(results.get(i));
                }
            }
            if (!signal.isEmpty()) {
                s.append(" => ").append(signal);
            }
            return s.toString();
        }
    }

    /**
     * What a finished trace shows: the chain head, the number of calls, and the calls themselves
     * if they were recorded (else empty).
     */
    public record Summary(Bytes digest, int count, List<HostCall> recorded) {
        public static final Summary NONE = new Summary(Bytes.of(new byte[32]), 0, List.of());

        public Summary {
            recorded = List.copyOf(recorded);
        }
    }

    private final boolean recording;
    private final List<HostCall> calls = new ArrayList<>();
    private byte[] head = new byte[32];
    private int count;

    /**
     * The calls in progress, innermost last: a {@code call_contract} stays open while the callee's
     * own host calls are made, and is folded into the chain when it returns, after them.
     */
    private final java.util.ArrayDeque<Pending> open = new java.util.ArrayDeque<>();

    private record Pending(String function, int depth, List<Long> args, List<Bytes> data) {
    }

    public HostCallTrace(boolean recording) {
        this.recording = recording;
    }

    public boolean recording() {
        return recording;
    }

    /** The head of the hash chain: 32 zero bytes before the first call. */
    public Bytes digest() {
        return Bytes.of(head.clone());
    }

    public int count() {
        return count;
    }

    /** The calls made so far; empty unless recording. */
    public List<HostCall> calls() {
        return List.copyOf(calls);
    }

    public Summary summary() {
        return new Summary(digest(), count, calls);
    }

    void begin(String function, int depth, List<Long> args) {
        open.addLast(new Pending(function, depth, args, new ArrayList<>()));
    }

    /** Adds bytes the innermost call in progress read from, or gave to, the module. */
    void data(Bytes bytes) {
        open.getLast().data().add(bytes);
    }

    void end(List<Long> results, String signal) {
        Pending p = open.removeLast();
        HostCall call = new HostCall(count, p.depth(), p.function(), p.args(), p.data(), results, signal);
        head = sha256(concat(head, encode(call)));
        if (recording) {
            calls.add(call);
        }
        count++;
    }

    /**
     * The bytes hashed into the chain for one call (docs/abi.md §5):
     * {@code u32 index, u32 depth, u8 len name, name, u8 n, n × u64 args, u8 n, n × (u32 len, bytes),
     * u8 n, n × u64 results, u8 len signal, signal}, all big-endian.
     */
    static byte[] encode(HostCall c) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        u32(out, c.index());
        u32(out, c.depth());
        text(out, c.function());
        out.write(c.args().size());
        c.args().forEach(a -> u64(out, a));
        out.write(c.data().size());
        for (Bytes d : c.data()) {
            u32(out, d.length());
            out.writeBytes(d.toByteArray());
        }
        out.write(c.results().size());
        c.results().forEach(r -> u64(out, r));
        text(out, c.signal());
        return out.toByteArray();
    }

    private static void text(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void u32(java.io.ByteArrayOutputStream out, long v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    private static void u64(java.io.ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first index at which the call lists are not all the same call (a list that has ended has
     * no call there); their common length when they are identical.
     */
    public static int firstDifference(List<List<HostCall>> calls) {
        for (int k = 0; ; k++) {
            HostCall first = k < calls.get(0).size() ? calls.get(0).get(k) : null;
            for (List<HostCall> c : calls) {
                if (!Objects.equals(k < c.size() ? c.get(k) : null, first)) {
                    return k;
                }
            }
            if (first == null) {
                return k;
            }
        }
    }
}
