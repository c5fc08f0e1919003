package io.ecliptica.engine.graalwasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Test modules (built from the .wat beside them) and the harness-like 256 MiB worker thread. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] wasm(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("missing test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T onBigStack(Callable<T> task) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "graalwasm-test-worker", 256L << 20);
        t.start();
        t.join(120_000);
        if (t.isAlive()) {
            throw new AssertionError("did not finish within 120 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
