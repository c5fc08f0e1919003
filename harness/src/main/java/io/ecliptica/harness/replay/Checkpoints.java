package io.ecliptica.harness.replay;

import io.ecliptica.harness.state.Account;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.SparseMerkleTree;
import io.ecliptica.harness.state.WorldState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * State snapshots after every K-th block (docs/chain-format.md §5), one file per block:
 * {@code block-<height>.ckpt}. A snapshot is trusted only after its root, recomputed from its
 * content, equals both the root it states and the chain's recorded root for that block.
 */
public final class Checkpoints {
    private static final byte[] MAGIC = {'E', 'C', 'K', 'P', 1};
    private static final Pattern NAME = Pattern.compile("block-(\\d{12})\\.ckpt");

    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A loaded snapshot: the state after block {@code height}. */
    public record Snapshot(long height, WorldState state, Path file) {
    }

    /** Thrown for a snapshot that is unreadable or does not hash to the root it states. */
    public static final class BadCheckpointException extends Exception {
        public BadCheckpointException(String message) {
            super(message, null, false, false);
        }
    }

    Path file(long height) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "block-%012d.ckpt", height));
    }

    /** The highest checkpointed height that is at most {@code maxHeight}. */
    public Optional<Long> nearest(long maxHeight) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NAME.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).filter(h -> h <= maxHeight).max(Long::compare);
        }
    }

    /**
     * Writes the snapshot of {@code state} after block {@code height}: magic "ECKP" 0x01, u64 height,
     * state root (32), u32 accounts, then per account in address order: address (32), code hash
     * (32), u32 entries, per entry in key order: u32 key length, key, u32 value length, value; and
     * last the SHA-256 of all the bytes before it. Written beside the target and moved into place.
     */
    public void write(long height, WorldState state) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ckpt-", ".tmp");
        MessageDigest sha = sha256();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, sha))) {
            out.write(MAGIC);
            out.writeLong(height);
            out.write(state.stateRoot().toByteArray());
            out.writeInt(state.accountCount());
            for (Account a : state.accounts()) {
                out.write(a.address().toByteArray());
                out.write(a.codeHash().toByteArray());
                out.writeInt(a.storage().size());
                for (SparseMerkleTree.Entry e : a.storage().entries()) {
                    bytes(out, e.key());
                    bytes(out, e.value());
                }
            }
            out.flush();
            raw.write(sha.digest());
        }
        ChainRecorder.readableByAll(tmp);
        Files.move(tmp, file(height), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads the snapshot after block {@code height} and checks it hashes to the root it states. */
    public Snapshot load(long height) throws BadCheckpointException {
        Path file = file(height);
        MessageDigest sha = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(new DigestInputStream(raw, sha))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BadCheckpointException(file + ": not a checkpoint (bad magic)");
            }
            long stated = in.readLong();
            if (stated != height) {
                throw new BadCheckpointException(file + ": holds block " + stated + ", not " + height);
            }
            Bytes root = Bytes.of(in.readNBytes(32));
            WorldState state = WorldState.empty();
            int accounts = in.readInt();
            for (int i = 0; i < accounts; i++) {
                Bytes address = Bytes.of(in.readNBytes(32));
                Bytes codeHash = Bytes.of(in.readNBytes(32));
                TreeMap<Bytes, Bytes> entries = new TreeMap<>();
                int n = in.readInt();
                for (int j = 0; j < n; j++) {
                    entries.put(bytes(in), bytes(in));
                }
                SparseMerkleTree storage = SparseMerkleTree.empty();
                for (var e : entries.entrySet()) {
                    storage = storage.put(e.getKey(), e.getValue());
                }
                state = state.withAccount(new Account(address, codeHash, storage));
            }
            byte[] expected = sha.digest();
            byte[] trailer = raw.readNBytes(32);
            if (!Arrays.equals(expected, trailer) || raw.read() != -1) {
                throw new BadCheckpointException(file + ": damaged (its checksum does not match its content)");
            }
            if (!state.stateRoot().equals(root)) {
                throw new BadCheckpointException(file + ": its content hashes to " + state.stateRoot()
                        + ", not to the root it states (" + root + ")");
            }
            return new Snapshot(height, state, file);
        } catch (EOFException e) {
            throw new BadCheckpointException(file + ": truncated");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadCheckpointException(file + ": unreadable: " + e.getMessage());
        }
    }

    private static void bytes(DataOutputStream out, Bytes b) throws IOException {
        out.writeInt(b.length());
        out.write(b.toByteArray());
    }

    private static Bytes bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("implausible length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return Bytes.of(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
