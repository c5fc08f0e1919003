package io.ecliptica.engine.graalwasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The GraalWasm version on the class path: the wasm-language jar's manifest, else the polyglot
 * jar's, else the version Maven built the adapter against (a filtered resource). The polyglot
 * engine itself reports "Development Build" for Maven-central jars, so it cannot be asked.
 */
final class LibraryVersion {
    private LibraryVersion() {
    }

    static String get() {
        String v = manifestVersion("org.graalvm.wasm.WasmLanguage");
        if (v == null) {
            v = org.graalvm.polyglot.Engine.class.getPackage().getImplementationVersion();
        }
        return v != null ? v : builtAgainst();
    }

    private static String manifestVersion(String className) {
        try {
            Package p = Class.forName(className, false, LibraryVersion.class.getClassLoader()).getPackage();
            return p == null ? null : p.getImplementationVersion();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String builtAgainst() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("graalwasm-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("graalvm.version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
