package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.vector.Vector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The parent's handle on one worker process ({@link WorkerMain}): a {@code java} child with this
 * JVM's class path and engine-relevant flags. A worker that dies or misses its deadline is killed
 * and the fault reported; the next {@link #run} starts a fresh one.
 */
public final class EngineProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final String engineId;
    private final int callTimeoutSeconds;
    private final Optional<Path> log;
    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
    private Process process;
    private OutputStream toWorker;
    private InputStream fromWorker;
    private EngineDescriptor descriptor;
    private int restarts;

    /** @param log file that collects the workers' stderr (appended), or empty to discard it */
    public EngineProcess(String engineId, int callTimeoutSeconds, Optional<Path> log) {
        this.engineId = engineId;
        this.callTimeoutSeconds = callTimeoutSeconds;
        this.log = log;
    }

    /** Thrown when the worker cannot start its engine at all (not a finding: a setup error). */
    public static final class WorkerStartException extends Exception {
        public WorkerStartException(String message) {
            super(message, null, false, false);
        }
    }

    /** Starts the worker if it is not running and returns its engine's descriptor. */
    public synchronized EngineDescriptor start() throws WorkerStartException {
        if (process != null && process.isAlive()) {
            return descriptor;
        }
        kill();
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.redirectError(log.map(l -> ProcessBuilder.Redirect.appendTo(l.toFile())).orElse(ProcessBuilder.Redirect.DISCARD));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new WorkerStartException("cannot start a worker process for " + engineId + ": " + e.getMessage());
        }
        toWorker = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        fromWorker = new BufferedInputStream(process.getInputStream(), 1 << 16);
        try {
            Wire.Message m = Wire.Message.of(await(STARTUP));
            if (m.type() == Wire.UNAVAILABLE) {
                String why = Wire.readUnavailable(m.body());
                kill();
                throw new WorkerStartException(why);
            }
            if (m.type() != Wire.HELLO) {
                kill();
                throw new WorkerStartException("worker for " + engineId + " sent message type " + m.type() + " first");
            }
            EngineDescriptor d = Wire.readHello(m.body());
            if (descriptor != null) {
                restarts++;
            }
            descriptor = d;
            return d;
        } catch (IOException | TimeoutException e) {
            kill();
            throw new WorkerStartException("worker for " + engineId + " did not start: " + e.getMessage()
                    + log.map(l -> " (see " + l + ")").orElse(""));
        }
    }

    /** How many times a worker was started again after a crash or hang. */
    public synchronized int restarts() {
        return restarts;
    }

    /** What one run gave: a trace, or a fault (the worker is gone then). */
    public sealed interface Reply {
        record Traced(EngineTrace trace) implements Reply {
        }

        record Faulted(WorkerFault fault) implements Reply {
        }
    }

    /** Runs the vector; a crash, a broken stream or a missed {@code deadline} is a fault. */
    public synchronized Reply run(Vector vector, Duration deadline) throws WorkerStartException {
        start();
        try {
            Wire.writeFrame(toWorker, Wire.run(vector));
        } catch (IOException e) {
            return fault(WorkerFault.Kind.CRASH, "worker stdin closed: " + e.getMessage());
        }
        try {
            Wire.Message m = Wire.Message.of(await(deadline));
            if (m.type() != Wire.TRACE) {
                return fault(WorkerFault.Kind.CRASH, "worker answered with message type " + m.type());
            }
            return new Reply.Traced(Wire.readTrace(m.body()));
        } catch (TimeoutException e) {
            return fault(WorkerFault.Kind.HANG, "no answer within " + deadline.toSeconds() + " s; worker killed");
        } catch (IOException e) {
            return fault(WorkerFault.Kind.CRASH, e.getMessage());
        }
    }

    /** The host calls of one transaction (LOCALIZE); empty if the worker gives none or fails. */
    public synchronized Optional<List<HostCallTrace.HostCall>> hostCalls(Vector vector, int block, int tx,
                                                                         Duration deadline) {
        try {
            start();
            Wire.writeFrame(toWorker, Wire.localize(vector, block, tx));
            Wire.Message m = Wire.Message.of(await(deadline));
            if (m.type() == Wire.HOST_CALLS) {
                return Wire.readHostCalls(m.body());
            }
        } catch (IOException | TimeoutException | WorkerStartException e) {
            // localizing is best effort: the run itself already reported how this worker fares
        }
        kill();
        return Optional.empty();
    }

    private Reply fault(WorkerFault.Kind kind, String why) {
        Process p = process;
        String exit = "";
        if (kind == WorkerFault.Kind.CRASH && p != null) {
            try {
                if (p.waitFor(5, TimeUnit.SECONDS)) {
                    exit = "worker exited with code " + p.exitValue() + ": ";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
        return new Reply.Faulted(new WorkerFault(engineId, kind, exit + why));
    }

    private byte[] await(Duration timeout) throws IOException, TimeoutException {
        InputStream in = fromWorker;
        Future<byte[]> f = reader.submit(() -> Wire.readFrame(in));
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the worker");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the flags that decide how engines run (Graal JIT, native access, stack, heap);
            // never debugger or agent flags, which would clash in a second JVM
            if (a.startsWith("-XX:") || a.startsWith("--upgrade-module-path") || a.startsWith("--enable-native-access")
                    || a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Xss")
                    || a.startsWith("-Xmx") || a.startsWith("-Decliptica") || a.startsWith("-Dpolyglot")) {
                cmd.add(a);
            }
        }
        if (cmd.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add(engineId);
        cmd.add(Integer.toString(callTimeoutSeconds));
        return cmd;
    }

    private void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                toWorker.close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (IOException | InterruptedException e) {
                kill();
            }
            process = null;
        }
        reader.shutdownNow();
    }
}
