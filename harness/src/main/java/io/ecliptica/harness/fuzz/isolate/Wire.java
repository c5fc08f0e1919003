package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.SpendingPublicKey;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.exec.TxAuth;
import io.ecliptica.harness.vector.PrivacySpec;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The worker protocol's framing and payloads (docs/fuzzing.md, "Crash isolation"). A frame is the
 * 4 ASCII bytes {@code EFZ1}, a big-endian u32 payload length, then the payload; the payload's
 * first byte is the message type. Integers are big-endian, strings are a u32 length and UTF-8
 * bytes, byte strings a u32 length and the bytes, optionals a 0/1 byte then the value. The magic
 * catches a worker whose stdout got anything but frames (a library printing to stdout).
 */
public final class Wire {
    static final byte[] MAGIC = {'E', 'F', 'Z', '1'};
    /** Worker to parent, once at start: the engine's descriptor. */
    static final int HELLO = 1;
    /** Parent to worker: run this vector. */
    static final int RUN = 2;
    /** Worker to parent: the engine trace of the last RUN. */
    static final int TRACE = 3;
    /** Worker to parent, instead of HELLO: the engine could not start; a UTF-8 reason follows. */
    static final int UNAVAILABLE = 4;

    /** Parent to worker: record the host calls of one transaction of this vector. */
    static final int LOCALIZE = 5;
    /** Worker to parent: the recorded host calls (or none: the engine gave no result on the way). */
    static final int HOST_CALLS = 6;

    private static final int MAX_FRAME = 64 << 20;

    private Wire() {
    }

    /** A frame that could not be read: the stream ended or carried something else. */
    static final class BrokenStreamException extends IOException {
        BrokenStreamException(String message) {
            super(message);
        }
    }

    static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        byte[] head = new byte[8];
        System.arraycopy(MAGIC, 0, head, 0, 4);
        int n = payload.length;
        head[4] = (byte) (n >>> 24);
        head[5] = (byte) (n >>> 16);
        head[6] = (byte) (n >>> 8);
        head[7] = (byte) n;
        out.write(head);
        out.write(payload);
        out.flush();
    }

    static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[8];
        try {
            d.readFully(head);
        } catch (EOFException e) {
            throw new BrokenStreamException("end of stream");
        }
        if (!Arrays.equals(Arrays.copyOf(head, 4), MAGIC)) {
            throw new BrokenStreamException("not a frame (bad magic " + Bytes.of(Arrays.copyOf(head, 4)).toHex() + ")");
        }
        int n = ((head[4] & 0xff) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        if (n < 1 || n > MAX_FRAME) {
            throw new BrokenStreamException("frame length " + Integer.toUnsignedString(n) + " out of range");
        }
        byte[] payload = new byte[n];
        try {
            d.readFully(payload);
        } catch (EOFException e) {
            throw new BrokenStreamException("end of stream inside a frame");
        }
        return payload;
    }

    // ---- payloads ------------------------------------------------------------------------------

    static byte[] hello(EngineDescriptor d) {
        return build(HELLO, o -> {
            str(o, d.id());
            str(o, d.library());
            str(o, d.version());
            str(o, d.mode());
        });
    }

    static byte[] unavailable(String reason) {
        return build(UNAVAILABLE, o -> str(o, reason));
    }

    static String readUnavailable(DataInputStream in) throws IOException {
        return str(in);
    }

    static EngineDescriptor readHello(DataInputStream in) throws IOException {
        return new EngineDescriptor(str(in), str(in), str(in), str(in));
    }

    /** A RUN message; only fillers travel (campaign cases carry no expectations). */
    public static byte[] run(Vector v) {
        if (v.kind() != Vector.Kind.FILLER) {
            throw new IllegalArgumentException("only fillers are sent to workers");
        }
        return build(RUN, o -> {
            str(o, v.file().toString());
            str(o, v.description());
            str(o, v.profile());
            o.writeInt(v.contracts().size());
            for (ContractSpec c : v.contracts()) {
                str(o, c.name());
                bytes(o, c.address());
                bytes(o, c.code());
                str(o, c.source());
                o.writeInt(c.storage().size());
                for (var kv : c.storage().entrySet()) {
                    bytes(o, kv.getKey());
                    bytes(o, kv.getValue());
                }
            }
            o.writeInt(v.blocks().size());
            for (BlockSpec b : v.blocks()) {
                o.writeLong(b.header().height());
                o.writeLong(b.header().time());
                o.writeInt(b.transactions().size());
                for (TxSpec t : b.transactions()) {
                    Transaction tx = t.tx();
                    bytes(o, tx.from());
                    bytes(o, tx.to());
                    str(o, tx.function());
                    bytes(o, tx.input());
                    values(o, tx.args());
                    o.writeLong(tx.gasLimit());
                    o.writeBoolean(tx.auth().isPresent());
                    if (tx.auth().isPresent()) {
                        o.writeLong(tx.auth().get().nonce());
                        bytes(o, tx.auth().get().publicKey());
                        bytes(o, tx.auth().get().signature());
                    }
                }
            }
            // a private chain: what executing needs (privacy.md §10.6), never an account secret
            o.writeBoolean(v.privacy().isPresent());
            if (v.privacy().isPresent()) {
                PrivacySpec p = v.privacy().get();
                o.writeLong(p.chainId());
                bytes(o, Bytes.fromHex(p.master().exportText().substring("master:".length())));
                o.writeInt(p.accounts().size());
                for (PrivacySpec.Account a : p.accounts()) {
                    str(o, a.name());
                    bytes(o, a.viewingKey().encoded());
                    bytes(o, a.spendingKey().encoded());
                    o.writeBoolean(a.listed());
                }
            }
        });
    }

    /** A LOCALIZE message: the vector (as in RUN), then u32 block and u32 transaction. */
    static byte[] localize(Vector v, int block, int tx) {
        byte[] run = run(v);
        return build(LOCALIZE, o -> {
            o.write(run, 1, run.length - 1);
            o.writeInt(block);
            o.writeInt(tx);
        });
    }

    static byte[] hostCalls(Optional<List<HostCallTrace.HostCall>> calls) {
        return build(HOST_CALLS, o -> {
            o.writeBoolean(calls.isPresent());
            if (calls.isPresent()) {
                o.writeInt(calls.get().size());
                for (HostCallTrace.HostCall c : calls.get()) {
                    o.writeInt(c.index());
                    o.writeInt(c.depth());
                    str(o, c.function());
                    longs(o, c.args());
                    o.writeInt(c.data().size());
                    for (Bytes d : c.data()) {
                        bytes(o, d);
                    }
                    longs(o, c.results());
                    str(o, c.signal());
                }
            }
        });
    }

    static Optional<List<HostCallTrace.HostCall>> readHostCalls(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        List<HostCallTrace.HostCall> calls = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            int index = in.readInt();
            int depth = in.readInt();
            String function = str(in);
            List<Long> args = longs(in);
            List<Bytes> data = new ArrayList<>();
            for (int d = in.readInt(); d > 0; d--) {
                data.add(bytes(in));
            }
            calls.add(new HostCallTrace.HostCall(index, depth, function, args, data, longs(in), str(in)));
        }
        return Optional.of(calls);
    }

    private static void longs(DataOutputStream o, List<Long> values) throws IOException {
        o.writeInt(values.size());
        for (long v : values) {
            o.writeLong(v);
        }
    }

    private static List<Long> longs(DataInputStream in) throws IOException {
        List<Long> out = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            out.add(in.readLong());
        }
        return out;
    }

    public static Vector readRun(DataInputStream in) throws IOException {
        Path file = Path.of(str(in));
        String description = str(in);
        String profile = str(in);
        List<ContractSpec> contracts = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            String name = str(in);
            Bytes address = bytes(in);
            Bytes code = bytes(in);
            String source = str(in);
            TreeMap<Bytes, Bytes> storage = new TreeMap<>();
            for (int k = in.readInt(); k > 0; k--) {
                storage.put(bytes(in), bytes(in));
            }
            contracts.add(new ContractSpec(name, address, code,
                    io.ecliptica.harness.state.StateRootScheme.codeHash(code.toByteArray()), source, storage));
        }
        List<BlockSpec> blocks = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            BlockHeader header = new BlockHeader(in.readLong(), in.readLong());
            List<TxSpec> txs = new ArrayList<>();
            for (int t = in.readInt(); t > 0; t--) {
                Transaction tx = new Transaction(bytes(in), bytes(in), str(in), bytes(in), values(in), in.readLong());
                if (in.readBoolean()) {
                    tx = tx.withAuth(new TxAuth(in.readLong(), bytes(in), bytes(in)));
                }
                txs.add(new TxSpec(tx, Optional.empty()));
            }
            blocks.add(new BlockSpec(header, txs, Optional.empty()));
        }
        Optional<PrivacySpec> privacy = Optional.empty();
        if (in.readBoolean()) {
            long chainId = in.readLong();
            ChainSecret master = ChainSecret.of(bytes(in));
            List<PrivacySpec.Account> accounts = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = str(in);
                ViewingPublicKey viewing = new ViewingPublicKey(bytes(in));
                SpendingPublicKey spending = new SpendingPublicKey(bytes(in));
                accounts.add(new PrivacySpec.Account(name, spending.address(), viewing, spending, Optional.empty(),
                        in.readBoolean()));
            }
            privacy = Optional.of(new PrivacySpec(chainId, master, accounts));
        }
        return new Vector(file, Vector.Kind.FILLER, description, profile, contracts, blocks, Optional.empty(),
                Optional.empty(), privacy);
    }

    public static byte[] trace(EngineTrace t) {
        return build(TRACE, o -> {
            EngineDescriptor d = t.engine();
            str(o, d.id());
            str(o, d.library());
            str(o, d.version());
            str(o, d.mode());
            bytes(o, t.preStateRoot());
            o.writeInt(t.blocks().size());
            for (EngineTrace.BlockTrace b : t.blocks()) {
                o.writeInt(b.results().size());
                for (CallResult r : b.results()) {
                    result(o, r);
                }
                optBytes(o, b.stateRoot());
                optBytes(o, b.receiptsRoot());
            }
            o.writeBoolean(t.failure().isPresent());
            if (t.failure().isPresent()) {
                EngineTrace.Failure f = t.failure().get();
                o.writeInt(f.block());
                o.writeInt(f.tx());
                str(o, f.failure().kind().name());
                str(o, f.failure().message());
            }
        });
    }

    public static EngineTrace readTrace(DataInputStream in) throws IOException {
        EngineDescriptor d = new EngineDescriptor(str(in), str(in), str(in), str(in));
        Bytes pre = bytes(in);
        List<EngineTrace.BlockTrace> blocks = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            List<CallResult> results = new ArrayList<>();
            for (int r = in.readInt(); r > 0; r--) {
                results.add(result(in));
            }
            blocks.add(new EngineTrace.BlockTrace(results, optBytes(in), optBytes(in)));
        }
        Optional<EngineTrace.Failure> failure = Optional.empty();
        if (in.readBoolean()) {
            int b = in.readInt();
            int t = in.readInt();
            HarnessFailure.Kind kind = HarnessFailure.Kind.valueOf(str(in));
            failure = Optional.of(new EngineTrace.Failure(b, t, new HarnessFailure(kind, str(in))));
        }
        return new EngineTrace(d, pre, blocks, failure);
    }

    private static void result(DataOutputStream o, CallResult r) throws IOException {
        str(o, r.status().id());
        str(o, r.errorClass());
        bytes(o, r.output());
        values(o, r.results());
        o.writeInt(r.events().size());
        for (Event e : r.events()) {
            bytes(o, e.emitter());
            bytes(o, e.topic());
            bytes(o, e.data());
        }
        o.writeInt(r.writes().size());
        for (StorageWrite w : r.writes()) {
            bytes(o, w.address());
            bytes(o, w.key());
            optBytes(o, w.value());
        }
        o.writeLong(r.gasUsed());
        bytes(o, r.stateRoot());
        str(o, r.diagnostic());
    }

    private static CallResult result(DataInputStream in) throws IOException {
        Status status = Status.fromId(str(in));
        String cls = str(in);
        Bytes output = bytes(in);
        List<WasmValue> results = values(in);
        List<Event> events = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            events.add(new Event(bytes(in), bytes(in), bytes(in)));
        }
        List<StorageWrite> writes = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            writes.add(new StorageWrite(bytes(in), bytes(in), optBytes(in)));
        }
        return new CallResult(status, cls, output, results, events, writes, in.readLong(), bytes(in), str(in));
    }

    // ---- primitives ----------------------------------------------------------------------------

    private interface Body {
        void write(DataOutputStream o) throws IOException;
    }

    private static byte[] build(int type, Body body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(buf)) {
            o.writeByte(type);
            body.write(o);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buf.toByteArray();
    }

    /** A payload's type byte and a reader positioned after it. */
    record Message(int type, DataInputStream body) {
        static Message of(byte[] payload) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            return new Message(payload[0] & 0xff, skipType(in));
        }

        private static DataInputStream skipType(DataInputStream in) {
            try {
                in.readByte();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return in;
        }
    }

    private static void str(DataOutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        return new String(raw(in), StandardCharsets.UTF_8);
    }

    private static void bytes(DataOutputStream o, Bytes b) throws IOException {
        o.writeInt(b.length());
        o.write(b.toByteArray());
    }

    private static Bytes bytes(DataInputStream in) throws IOException {
        return Bytes.of(raw(in));
    }

    private static byte[] raw(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME) {
            throw new BrokenStreamException("length " + n + " out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void optBytes(DataOutputStream o, Optional<Bytes> b) throws IOException {
        o.writeBoolean(b.isPresent());
        if (b.isPresent()) {
            bytes(o, b.get());
        }
    }

    private static Optional<Bytes> optBytes(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(bytes(in)) : Optional.empty();
    }

    private static void values(DataOutputStream o, List<WasmValue> vs) throws IOException {
        o.writeInt(vs.size());
        for (WasmValue v : vs) {
            o.writeByte(v.type().ordinal());
            o.writeLong(v.bits());
        }
    }

    private static List<WasmValue> values(DataInputStream in) throws IOException {
        List<WasmValue> out = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            out.add(new WasmValue(ValueType.values()[in.readByte()], in.readLong()));
        }
        return out;
    }
}
