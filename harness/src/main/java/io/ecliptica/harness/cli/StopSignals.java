package io.ecliptica.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a stop request for the duration of a campaign (instead of the
 * JVM's immediate exit), so the campaign ends after the current case and writes its summary with
 * its normal exit code. The previous handlers come back on close.
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    static StopSignals install(AtomicBoolean stop) {
        StopSignals s = new StopSignals();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, x -> stop.set(true)));
                s.signals.add(sig);
            } catch (IllegalArgumentException unsupported) {
                // not on this platform (or the JVM reserves it): the default handler stays
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
