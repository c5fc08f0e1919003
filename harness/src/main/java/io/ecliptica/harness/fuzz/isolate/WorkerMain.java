package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.HostCallLocalizer;
import io.ecliptica.harness.vector.Vector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A worker process: one engine, driven over stdin/stdout frames ({@link Wire}). Says HELLO with
 * its engine's descriptor, then answers every RUN with the TRACE of the same runner {@code verify}
 * uses, until stdin ends. Anything written to {@code System.out} by a library goes to stderr, so
 * stdout carries frames only.
 *
 * <p>Arguments: {@code ENGINE-ID CALL-TIMEOUT-SECONDS}.
 */
public final class WorkerMain {
    private static final int FORGET_EVERY = 512;

    private WorkerMain() {
    }

    /**
     * Ctrl-C in a terminal reaches the whole process group: the parent decides when to stop (and
     * must not mistake its workers' deaths for crashes), so a worker ignores SIGINT and ends when
     * its stdin closes.
     */
    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT here
        }
    }

    public static void main(String[] args) throws IOException {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        ignoreInterrupt();
        if (args.length != 2) {
            Wire.writeFrame(out, Wire.unavailable("usage: WorkerMain ENGINE-ID CALL-TIMEOUT-SECONDS"));
            System.exit(2);
        }
        WasmEngineProvider provider = EngineRegistry.discover().provider(args[0]).orElse(null);
        if (provider == null) {
            Wire.writeFrame(out, Wire.unavailable("unknown engine '" + args[0] + "'"));
            System.exit(2);
        }
        EngineExecutor executor;
        try {
            executor = new EngineExecutor(provider.create(), new EngineExecutor.Limits(
                    Duration.ofSeconds(Long.parseLong(args[1])), EngineExecutor.Limits.DEFAULT.compileTimeout()));
        } catch (Exception | LinkageError e) {
            Wire.writeFrame(out, Wire.unavailable("engine " + args[0] + " cannot start: " + e.getMessage()));
            System.exit(3);
            return;
        }
        try (DifferentialRunner runner = new DifferentialRunner(List.of(executor), Profiles::byId)) {
            Wire.writeFrame(out, Wire.hello(executor.descriptor()));
            int runs = 0;
            while (true) {
                byte[] frame;
                try {
                    frame = Wire.readFrame(in);
                } catch (Wire.BrokenStreamException endOfInput) {
                    break;
                }
                Wire.Message m = Wire.Message.of(frame);
                if (m.type() == Wire.LOCALIZE) {
                    Vector vector = Wire.readRun(m.body());
                    int block = m.body().readInt();
                    int tx = m.body().readInt();
                    Wire.writeFrame(out, Wire.hostCalls(HostCallLocalizer.hostCalls(vector, block, tx,
                            runner.prepared(vector.profile()), executor)));
                    continue;
                }
                if (m.type() != Wire.RUN) {
                    throw new IOException("unexpected message type " + m.type());
                }
                Vector vector = Wire.readRun(m.body());
                if (++runs % FORGET_EVERY == 0) {
                    runner.forgetPrepared();
                }
                EngineTrace trace = runner.run(vector).traces().get(0);
                Wire.writeFrame(out, Wire.trace(trace));
            }
        }
        // Engine threads are daemons, but a native engine may hold others: leave at once.
        System.exit(0);
    }
}
