package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.EngineFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses to enter wasm on a thread whose stack cannot hold wasmtime's {@code max_wasm_stack}.
 *
 * <p>Why: wasmtime bounds wasm recursion by a stack <em>limit</em> computed from the stack pointer
 * at entry ({@code sp - max_wasm_stack}), not by the real size of the thread's stack. If the thread
 * has less room than that, deep wasm recursion runs past the end of the stack into the JVM's guard
 * pages and the JVM dies ("irrecoverable stack overflow" / SIGSEGV; measured here: 2 MiB of wasm
 * stack on a 1 MiB or 2 MiB Java thread kills the JVM, on a 2.25 MiB thread it traps cleanly). A
 * clean {@link EngineFailureException} is better than a dead harness.
 *
 * <p>How (Linux): the current stack pointer is field 8 of {@code /proc/thread-self/syscall}, and
 * the mapping of {@code /proc/self/maps} that contains it is this thread's usable stack (the JVM's
 * guard zones below it are separate, protected mappings). Reading them costs about 50 µs and a few
 * milliseconds, so the free stack is measured once per platform thread, at its first wasm entry,
 * and that figure is reused: the harness enters wasm from about the same depth every time, and
 * the 1 MiB of headroom absorbs the difference. (A virtual thread is measured every time, since
 * it may move to another carrier.) Where these files cannot be read the check is skipped, and the
 * requirement (a thread stack of at least {@link #requiredBytes}) is the caller's, as documented on
 * the engine.
 */
final class StackGuard {

    /** Room kept for the Java frames of host functions and the JVM's own shadow zone below wasm. */
    static final long HEADROOM = 1L << 20;

    private static final Path SYSCALL = Path.of("/proc/thread-self/syscall");
    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final long UNKNOWN = -1;
    private static final ThreadLocal<Long> MEASURED = new ThreadLocal<>();

    private final long maxWasmStack;

    StackGuard(long maxWasmStack) {
        this.maxWasmStack = maxWasmStack;
    }

    long requiredBytes() {
        return maxWasmStack + HEADROOM;
    }

    /** Throws if the current thread has less free stack than {@link #requiredBytes()}. */
    void check() {
        long available = measuredStack();
        if (available != UNKNOWN && available < requiredBytes()) {
            throw new EngineFailureException("wasmtime needs " + mib(requiredBytes()) + " of free thread stack (max_wasm_stack "
                    + mib(maxWasmStack) + " + " + mib(HEADROOM) + " for host code) but this thread has " + mib(available)
                    + " left: run wasm on a thread created with a larger stack (new Thread(group, task, name, stackSize))", null);
        }
    }

    /** {@link #availableStack()} as first measured on this platform thread. */
    private static long measuredStack() {
        if (Thread.currentThread().isVirtual()) {
            return availableStack();
        }
        Long measured = MEASURED.get();
        if (measured == null) {
            measured = availableStack();
            MEASURED.set(measured);
        }
        return measured;
    }

    /** Free bytes below the current stack pointer, or {@link #UNKNOWN}. */
    static long availableStack() {
        long sp = stackPointer();
        if (sp == UNKNOWN) {
            return UNKNOWN;
        }
        long[] mapping = mappingContaining(sp);
        return mapping == null ? UNKNOWN : sp - mapping[0];
    }

    private static long stackPointer() {
        try (InputStream in = Files.newInputStream(SYSCALL)) {
            String[] fields = new String(in.readNBytes(256), StandardCharsets.US_ASCII).trim().split(" ");
            // "nr arg1 .. arg6 sp pc" while in a system call (this read); "running" or "-1 sp pc" otherwise
            if (fields.length == 9 && fields[7].startsWith("0x")) {
                return Long.parseUnsignedLong(fields[7].substring(2), 16);
            }
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** [low, high) of the mapping containing {@code address}, or null. */
    private static long[] mappingContaining(long address) {
        try {
            List<String> lines = Files.readAllLines(MAPS, StandardCharsets.US_ASCII);
            for (String line : lines) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash < 0 || space < dash) {
                    continue;
                }
                long low = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long high = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                if (Long.compareUnsigned(low, address) <= 0 && Long.compareUnsigned(address, high) < 0) {
                    return new long[] {low, high};
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }
}
