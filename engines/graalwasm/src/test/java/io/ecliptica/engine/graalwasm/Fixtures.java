package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.tck.BigStackWorker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

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
        return BigStackWorker.run(task);
    }
}
