package io.ecliptica.harness.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM between two snapshots, by who used it: each engine's worker thread
 * ({@code engine-ID}), GraalWasm's Truffle compiler threads, the rest of the harness's Java threads,
 * and the JVM itself: its JIT compilers and garbage collector, and native threads such as wasmtime's
 * parallel compiler, are not Java threads, so they are the process's CPU time less every Java
 * thread's. Where Linux shows every thread's CPU time ({@code /proc/self/task/TID/schedstat}) the
 * JVM's share is split into HotSpot's C2 and C1 compiler threads, the GC and VM threads, and the
 * rest. On two cores the sum, not the wall time, says how far a benchmark is from its floor. The
 * process's CPU clock may tick coarsely (10 ms on Linux here), so the JVM's share and a pass's total
 * are exact only over many cases; thread times are exact.
 */
final class CpuUse {
    static final String TRUFFLE = "truffle compiler";
    static final String HARNESS = "harness (other Java threads)";
    static final String JVM = "JVM (JIT compilers, GC)";
    static final String C2 = "JVM: C2 compiler";
    static final String C1 = "JVM: C1 compiler";
    static final String GC = "JVM: GC and VM threads";
    static final String NATIVE = "JVM: other (native threads, e.g. wasmtime's compiler)";

    private static final Path TASKS = Path.of("/proc/self/task");

    private final long process;
    private final Map<Long, Long> threads;
    private final Map<Long, String> names;
    /** Linux threads as "TID name" (the kernel keeps 15 characters of a name): CPU nanoseconds; empty elsewhere. */
    private final Map<String, Long> tasks;

    private CpuUse(long process, Map<Long, Long> threads, Map<Long, String> names, Map<String, Long> tasks) {
        this.process = process;
        this.threads = threads;
        this.names = names;
        this.tasks = tasks;
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
        return new CpuUse(processCpuNanos(), threads, names, tasks());
    }

    /** Whether this JVM can measure CPU time per thread and for the process. */
    static boolean supported() {
        return ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported() && processCpuNanos() >= 0;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** "TID name" to CPU nanoseconds of every thread of the process, or empty if Linux does not say. */
    private static Map<String, Long> tasks() {
        Map<String, Long> tasks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return tasks;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(TASKS)) {
            for (Path task : dir) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
                    tasks.put(task.getFileName() + " " + name, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read, or the kernel keeps no schedstat: skip it
                }
            }
        } catch (IOException e) {
            return new HashMap<>();
        }
        return tasks;
    }

    /**
     * Nanoseconds used since {@code before}, by group: engine workers by engine id (sorted), then
     * the Truffle compiler, the harness, the JVM (split where Linux allows); a thread that ended in
     * between is not counted, so its time lands in the JVM's share (engine workers live through a
     * pass).
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
        long jvm = Math.max(0, process - before.process - java);
        if (tasks.isEmpty()) {
            groups.put(JVM, jvm);
            return groups;
        }
        Map<String, Long> split = new LinkedHashMap<>();
        split.put(C2, 0L);
        split.put(C1, 0L);
        split.put(GC, 0L);
        for (Map.Entry<String, Long> t : tasks.entrySet()) {
            String name = t.getKey().substring(t.getKey().indexOf(' ') + 1);
            String group = name.startsWith("C2 CompilerThre") ? C2 : name.startsWith("C1 CompilerThre") ? C1
                    : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread") ? GC : null;
            if (group != null) {
                split.merge(group, t.getValue() - before.tasks.getOrDefault(t.getKey(), 0L), Long::sum);
            }
        }
        long named = split.values().stream().mapToLong(Long::longValue).sum();
        groups.putAll(split);
        groups.put(NATIVE, Math.max(0, jvm - named));
        return groups;
    }

    /** All CPU time since {@code before}. */
    long totalSince(CpuUse before) {
        return process - before.process;
    }
}
