package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.tck.BigStackWorker;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

/** Test resources and the large-stack worker thread the harness uses. */
final class TestSupport {

    static final long WORKER_STACK = 256L << 20;

    private TestSupport() {
    }

    /** The bytes of {@code src/test/resources/wasm/<name>.wasm} (built from the .wat beside it). */
    static byte[] wasm(String name) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledModule compile(WasmtimeEngine engine, String name) {
        return engine.compile(wasm(name));
    }

    static HostImport host(String name, List<ValueType> params, List<ValueType> results, HostFunction fn) {
        return new HostImport("env", name, FunctionType.of(params, results), fn);
    }

    /** Runs {@code task} on a fresh platform thread with a stack of {@code stackBytes}; rethrows its failure. */
    static <T> T onThread(long stackBytes, Callable<T> task) throws Throwable {
        return BigStackWorker.run(stackBytes, task);
    }

    static <T> T onWorker(Callable<T> task) throws Throwable {
        return onThread(WORKER_STACK, task);
    }
}
