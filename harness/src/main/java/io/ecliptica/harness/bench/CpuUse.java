package io.ecliptica.harness.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM between two snapshots, by who used it: each engine's worker thread
 * ({@code engine-ID}), GraalWasm's Truffle compiler threads, the rest of the harness's Java threads,
 * and the JVM itself: its JIT compilers and garbage collector, and native threads such as wasmtime's
 * parallel compiler, are not Java threads, so they are the process's CPU time less every Java
 * thread's. On two cores the sum, not the wall time, says how
 * far a benchmark is from its floor. The process's CPU clock may tick coarsely (10 ms on Linux
 * here), so the JVM's share and a pass's total are exact only over many cases; thread times are
 * exact.
 */
final class CpuUse {
    static final String TRUFFLE = "truffle compiler";
    static final String HARNESS = "harness (other Java threads)";
    static final String JVM = "JVM (JIT compilers, GC)";

    private final long process;
    private final Map<Long, Long> threads;
    private final Map<Long, String> names;

    private CpuUse(long process, Map<Long, Long> threads, Map<Long, String> names) {
        this.process = process;
        this.threads = threads;
        this.names = names;
    }

    static CpuUse now() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> threads = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) {
                long cpu = mx.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) {
                    threads.put(t.getThreadId(), cpu);
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
        }
        return new CpuUse(processCpuNanos(), threads, names);
    }

    /** Whether this JVM can measure CPU time per thread and for the process. */
    static boolean supported() {
        return ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported() && processCpuNanos() >= 0;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * Nanoseconds used since {@code before}, by group: engine workers by engine id (sorted), then
     * the Truffle compiler, the harness, the JVM; a thread that ended in between is not counted, so
     * its time lands in the JVM's share (engine workers live through a pass).
     */
    Map<String, Long> since(CpuUse before) {
        Map<String, Long> engines = new TreeMap<>();
        long truffle = 0;
        long harness = 0;
        long java = 0;
        for (Map.Entry<Long, Long> t : threads.entrySet()) {
            long used = t.getValue() - before.threads.getOrDefault(t.getKey(), 0L);
            java += used;
            String name = names.get(t.getKey());
            if (name.startsWith("engine-")) {
                engines.merge(name.substring("engine-".length()), used, Long::sum);
            } else if (name.startsWith("TruffleCompilerThread")) {
                truffle += used;
            } else {
                harness += used;
            }
        }
        Map<String, Long> groups = new LinkedHashMap<>(engines);
        groups.put(TRUFFLE, truffle);
        groups.put(HARNESS, harness);
        groups.put(JVM, Math.max(0, process - before.process - java));
        return groups;
    }

    /** All CPU time since {@code before}. */
    long totalSince(CpuUse before) {
        return process - before.process;
    }
}
