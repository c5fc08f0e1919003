package io.ecliptica.engine.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the kit's modules; each {@code .wasm} was built from the {@code .wat} beside it. */
final class TckModules {
    private TckModules() {
    }

    static byte[] load(String name) {
        String path = "/tck/" + name + ".wasm";
        try (InputStream in = TckModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing TCK resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
