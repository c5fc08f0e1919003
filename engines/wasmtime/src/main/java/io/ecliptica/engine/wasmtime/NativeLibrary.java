package io.ecliptica.engine.wasmtime;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Loading wasmtime-java's JNI library, and what is known about its version. */
final class NativeLibrary {

    private static final String TEMP_PREFIX = "libwasmtime_jni_";
    private static boolean loaded;

    private NativeLibrary() {
    }

    /**
     * Loads the JNI library once per class loader. wasmtime-java copies its 18 MB library out of
     * the jar into a new temporary file on every JVM start and never deletes it, so a harness run
     * per vector would fill {@code /tmp}; once the library is mapped the file is not needed any more
     * (Linux keeps the mapping), so it is deleted here.
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        NativeLibraryLoader.init();
        loaded = true;
        deleteExtractedCopy();
    }

    private static void deleteExtractedCopy() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
                int slash = line.indexOf('/');
                if (slash < 0 || !line.contains(TEMP_PREFIX)) {
                    continue;
                }
                Path lib = Path.of(line.substring(slash).strip());
                if (lib.getParent() != null && lib.getParent().equals(tmp)
                        && lib.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    Files.deleteIfExists(lib);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleanup only: the engine works without it.
        }
    }

    /** wasmtime-java's version, from the properties file in its jar (the one its loader reads too). */
    static String bindingVersion() {
        return property(NativeLibraryLoader.class, "/wasmtime-java-meta.properties", "jnilib.version");
    }

    /**
     * The wasmtime version wasmtime-java was built with. The jar does not state it; this adapter's
     * table {@code wasmtime-java-versions.properties} does, keyed by the binding version read from
     * the jar, so a new binding version shows "unknown" until the table is extended (a test checks
     * the table against the version strings compiled into the native library).
     */
    static String wasmtimeVersion() {
        return property(NativeLibrary.class, "wasmtime-java-versions.properties", bindingVersion());
    }

    private static String property(Class<?> anchor, String resource, String key) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null || key == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
