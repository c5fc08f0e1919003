package io.ecliptica.harness.abi;

import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.Memory;
import io.ecliptica.engine.ValueType;
import io.ecliptica.harness.crypto.SpendingPublicKey;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
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
    public static final int MAX_SIGNED_MESSAGE = 65536;
    /** Output index of the first envelope made by {@code crypto_seal_to_caller} (docs/privacy.md §5.2). */
    public static final long SEALED_BASE = 0x8000_0000L;
    public static final int MAX_CALL_INPUT = 65536;
    /** Deepest call depth a callee may run at; the transaction's target runs at 0 (docs/abi.md §6). */
    public static final int MAX_CALL_DEPTH = 8;

    private static final long[] NONE = new long[0];

    private final CallContext context;
    private final StorageOverlay storage;
    private final TransactionJournal journal;
    private final HostCallTrace trace;
    private final int depth;
    private final Optional<CallerSealer> sealer;
    private final ContractCalls calls;
    private CallerGas callerGas = CallerGas.UNMETERED;
    private Bytes output = Bytes.EMPTY;
    private Bytes lastCallOutput = Bytes.EMPTY;

    public HostAbi(CallContext context, StorageOverlay storage) {
        this(context, storage, new HostCallTrace(false), 0);
    }

    /** A host whose contract is alone: events kept here, every {@code call_contract} is invalid. */
    public HostAbi(CallContext context, StorageOverlay storage, HostCallTrace trace, int depth) {
        this(context, storage, trace, depth, Optional.empty());
    }

    /** @param sealer present on a private chain: seals {@code crypto_seal_to_caller} envelopes */
    public HostAbi(CallContext context, StorageOverlay storage, HostCallTrace trace, int depth,
                   Optional<CallerSealer> sealer) {
        this(context, storage, new TransactionJournal((a, k) -> Optional.empty()), trace, depth, ContractCalls.NONE,
                sealer);
    }

    /**
     * The host of one contract call inside a transaction.
     *
     * @param journal the transaction's pending storage and events; this contract sees only its own storage
     * @param trace   receives every host call; {@code depth} is this contract's call depth
     * @param calls   runs the callees of {@code call_contract}
     * @param sealer  present on a private chain: seals {@code crypto_seal_to_caller} envelopes to the
     *                transaction's sender, whichever contract of the transaction asks
     */
    public HostAbi(CallContext context, TransactionJournal journal, HostCallTrace trace, int depth, ContractCalls calls,
                   Optional<CallerSealer> sealer) {
        this(context, journal.storage(context.self()), journal, trace, depth, calls, sealer);
    }

    private HostAbi(CallContext context, StorageOverlay storage, TransactionJournal journal, HostCallTrace trace,
                    int depth, ContractCalls calls, Optional<CallerSealer> sealer) {
        this.context = context;
        this.storage = storage;
        this.journal = journal;
        this.trace = trace;
        this.depth = depth;
        this.sealer = sealer;
        this.calls = calls;
    }

    /**
     * Gives the host its own instance's gas once the instance exists (the executor instantiates
     * it); until then, and under a profile that does not meter, nothing is forwarded or charged.
     */
    public void attach(CallerGas gas) {
        this.callerGas = gas;
    }

    public HostCallTrace trace() {
        return trace;
    }

    public Bytes output() {
        return output;
    }

    /** The events of the transaction so far (this contract's and its callees' that were kept). */
    public List<Event> events() {
        return journal.events();
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
                    throw new HostSignal.Revert(traced(readLimited(m, a[0], a[1], MAX_OUTPUT, "revert message")));
                }),
                fn("abort", sig(I32, I32), sig(), (m, a) -> {
                    throw new HostSignal.Abort(traced(readLimited(m, a[0], a[1], MAX_OUTPUT, "abort message")));
                }),
                fn("crypto_sha256", sig(I32, I32, I32), sig(), this::sha256),
                fn("crypto_ml_dsa_65_verify", sig(I32, I32, I32, I32), sig(I32), this::mlDsaVerify),
                fn("crypto_seal_to_caller", sig(I32, I32, I32), sig(), this::sealToCaller),
                fn("call_contract", sig(I32, I32, I32, I64), sig(I32), this::callContract),
                fn("call_output", sig(I32, I32), sig(I32), this::callOutput));
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
        trace.data(Bytes.of(slice));
        return NONE;
    }

    private long[] storageRead(Memory m, long[] a) {
        Bytes key = traced(readLimited(m, a[0], a[1], MAX_KEY, "storage key"));
        int dst = (int) a[2];
        int cap = (int) a[3];
        m.checkRange(dst, cap);
        Optional<Bytes> value = storage.get(key);
        value.ifPresent(trace::data);
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
        Bytes key = traced(readLimited(m, a[0], a[1], MAX_KEY, "storage key"));
        Bytes value = traced(readLimited(m, a[2], a[3], MAX_VALUE, "storage value"));
        storage.put(key, value);
        return NONE;
    }

    private long[] storageRemove(Memory m, long[] a) {
        Bytes key = traced(readLimited(m, a[0], a[1], MAX_KEY, "storage key"));
        return new long[] {storage.remove(key) ? 1 : 0};
    }

    private long[] returnData(Memory m, long[] a) {
        output = traced(readLimited(m, a[0], a[1], MAX_OUTPUT, "return data"));
        return NONE;
    }

    private long[] emitEvent(Memory m, long[] a) {
        Bytes topic = traced(readLimited(m, a[0], a[1], MAX_TOPIC, "event topic"));
        Bytes data = traced(readLimited(m, a[2], a[3], MAX_EVENT_DATA, "event data"));
        if (journal.eventCount() >= MAX_EVENTS) {
            throw new HostSignal.AbiViolation("emit_event: more than " + MAX_EVENTS + " events");
        }
        journal.emit(new Event(context.self(), topic, data));
        return NONE;
    }

    /** SHA-256 of {@code [data, data+len)} written as 32 bytes at {@code out}. */
    private long[] sha256(Memory m, long[] a) {
        Bytes data = traced(readLimited(m, a[0], a[1], MAX_HASH_INPUT, "crypto_sha256 input"));
        m.checkRange((int) a[2], 32);
        m.write((int) a[2], traced(StateRootScheme.sha256(data)).toByteArray());
        return NONE;
    }

    /**
     * {@code crypto_ml_dsa_65_verify(pk, msg, msg_len, sig) -> i32}: 1 if the 3309-byte signature at
     * {@code sig} verifies over the message under the 1952-byte ML-DSA-65 public key at {@code pk}
     * (docs/privacy.md §6.1, empty context), else 0 (including a key that is not a valid encoding).
     */
    private long[] mlDsaVerify(Memory m, long[] a) {
        Bytes pk = traced(readLimited(m, a[0], SpendingPublicKey.LENGTH, SpendingPublicKey.LENGTH, "ML-DSA-65 public key"));
        Bytes msg = traced(readLimited(m, a[1], a[2], MAX_SIGNED_MESSAGE, "crypto_ml_dsa_65_verify message"));
        Bytes signature = traced(readLimited(m, a[3], SpendingPublicKey.SIGNATURE_LENGTH, SpendingPublicKey.SIGNATURE_LENGTH,
                "ML-DSA-65 signature"));
        return new long[] {new SpendingPublicKey(pk).verify(msg, signature) ? 1 : 0};
    }

    /**
     * {@code crypto_seal_to_caller(data, len, out)}: writes the envelope sealing {@code [data, data+len)}
     * to the sender's viewing key ({@code len} + 1105 bytes at {@code out}); the n-th such envelope
     * of a transaction has output index 0x80000000 + n (docs/privacy.md §5.2). An ABI violation on a
     * plaintext chain, where no sender has a viewing key.
     */
    private long[] sealToCaller(Memory m, long[] a) {
        Bytes data = traced(readLimited(m, a[0], a[1], MAX_OUTPUT, "crypto_seal_to_caller input"));
        if (sealer.isEmpty()) {
            throw new HostSignal.AbiViolation("crypto_seal_to_caller: not a private chain (no viewing keys)");
        }
        m.checkRange((int) a[2], data.length() + ViewerEnvelope.OVERHEAD);
        Bytes envelope = traced(sealer.get().seal(SEALED_BASE + journal.nextSealedIndex(), data));
        m.write((int) a[2], envelope.toByteArray());
        return NONE;
    }

    /**
     * {@code call_contract(addr, in, in_len, gas) -> status} (docs/abi.md §6): checks the address
     * range, the input's limit and range, then the gas; runs the callee with
     * {@code min(gas, remaining)} unless the depth limit is reached; charges the caller exactly
     * what the callee used.
     */
    private long[] callContract(Memory m, long[] a) {
        m.checkRange((int) a[0], ADDRESS_LENGTH);
        Bytes callee = traced(Bytes.of(m.read((int) a[0], ADDRESS_LENGTH)));
        Bytes input = readLimited(m, a[1], a[2], MAX_CALL_INPUT, "call_contract input");
        Bytes sent = traced(calls.send(context, callee, input));
        long gas = a[3];
        if (gas < 0) {
            throw new HostSignal.AbiViolation("call_contract: negative gas " + gas);
        }
        lastCallOutput = Bytes.EMPTY;
        if (depth + 1 > MAX_CALL_DEPTH) {
            return new long[] {CallStatus.DEPTH_EXCEEDED.code()};
        }
        long left = callerGas.metered() ? callerGas.left() : 0;
        long forwarded = Math.min(gas, left);
        ContractCalls.Outcome outcome = calls.call(context, callee, sent, forwarded, depth + 1);
        if (callerGas.metered()) {
            callerGas.set(left - outcome.gasUsed());
        }
        lastCallOutput = outcome.output();
        return new long[] {outcome.status().code()};
    }

    /** {@code call_output(dst, cap) -> len}: the last call's output, at most {@code cap} bytes of it. */
    private long[] callOutput(Memory m, long[] a) {
        int dst = (int) a[0];
        int cap = (int) a[1];
        m.checkRange(dst, cap);
        byte[] out = lastCallOutput.toByteArray();
        int copy = (int) Math.min(out.length, Integer.toUnsignedLong(cap));
        byte[] copied = copy == out.length ? out : java.util.Arrays.copyOf(out, copy);
        if (copy > 0) {
            m.write(dst, copied);
        }
        trace.data(Bytes.of(copied));
        return new long[] {out.length};
    }

    private long[] writeAddress(Memory m, long[] a, Bytes address) {
        m.write((int) a[0], address.toByteArray());
        trace.data(address);
        return NONE;
    }

    private Bytes traced(Bytes b) {
        trace.data(b);
        return b;
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

    /** A host import whose every call is folded into the trace (docs/abi.md §5). */
    private HostImport fn(String name, List<ValueType> params, List<ValueType> results, HostFunction f) {
        HostFunction traced = (m, a) -> {
            trace.begin(name, depth, normalized(params, a));
            long[] r;
            try {
                r = f.call(m, a);
            } catch (RuntimeException e) {
                trace.end(List.of(), signalClass(e));
                throw e;
            }
            trace.end(normalized(results, r), "");
            return r;
        };
        return new HostImport(MODULE, name, new FunctionType(params, results), traced);
    }

    /** i32 values zero-extended: adapters may hand them over sign-extended or not. */
    private static List<Long> normalized(List<ValueType> types, long[] values) {
        Long[] out = new Long[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = types.get(i) == I32 ? Integer.toUnsignedLong((int) values[i]) : values[i];
        }
        return List.of(out);
    }

    private static String signalClass(RuntimeException e) {
        return switch (e) {
            case HostSignal.Revert r -> "revert";
            case HostSignal.Abort a -> "abort";
            case HostSignal.AbiViolation v -> "abi_violation";
            case io.ecliptica.engine.MemoryAccessException x -> "out_of_bounds_memory";
            default -> e.getClass().getSimpleName();
        };
    }

    private static List<ValueType> sig(ValueType... types) {
        return List.of(types);
    }
}
