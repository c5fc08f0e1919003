package io.ecliptica.engine.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Service registration, the descriptor, and the facts behind the version string and the stack limit. */
class ProviderAndVersionTest {

    @Test
    void registersWasmtimeAndTheNanCanonVariantUsedOnlyByName() throws Exception {
        List<WasmEngineProvider> ours = ServiceLoader.load(WasmEngineProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof WasmtimeEngineProvider)
                .toList();
        assertEquals(List.of("wasmtime", "wasmtime-nancanon"), ours.stream().map(WasmEngineProvider::id).toList());
        assertEquals(List.of(true, false), ours.stream().map(WasmEngineProvider::selectedByDefault).toList());
        try (WasmEngine engine = ours.get(0).create()) {
            EngineDescriptor d = engine.descriptor();
            assertEquals("wasmtime", d.id());
            assertEquals("wasmtime-java", d.library());
            assertEquals(System.getProperty("wasmtime-java.version") + " (wasmtime " + wasmtimeVersionInNativeLibrary() + ")",
                    d.version());
            assertEquals("cranelift native code via JNI", d.mode());
        }
    }

    @Test
    void creationFailuresBecomeEngineUnavailable() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> new WasmtimeEngineProvider(null).create());
        assertTrue(e.getMessage().startsWith("wasmtime unavailable: "), e.getMessage());
    }

    /** Why {@link WasmtimeSettings#MAX_WASM_STACK_LIMIT} is 2 MiB: the binding's wasmtime refuses more. */
    @Test
    void wasmtimeRefusesAWasmStackAboveTwoMebibytes() {
        NativeLibrary.load();
        new Engine(new Config().maxWasmStack(WasmtimeSettings.MAX_WASM_STACK_LIMIT)).dispose();
        WasmtimeException e = assertThrows(WasmtimeException.class,
                () -> new Engine(new Config().maxWasmStack(WasmtimeSettings.MAX_WASM_STACK_LIMIT + 1)));
        assertTrue(e.getMessage().contains("async_stack_size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WasmtimeSettings("x", false, WasmtimeSettings.MAX_WASM_STACK_LIMIT + 1));
    }

    /**
     * The wasmtime version compiled into the binding's Linux x86-64 library, read from the crate
     * paths the Rust compiler left in it ({@code .../wasmtime-7.0.1/src/...}).
     */
    private static String wasmtimeVersionInNativeLibrary() throws IOException {
        URL jarUrl = NativeLibraryLoader.class.getResource("/wasmtime-java-meta.properties");
        JarURLConnection connection = (JarURLConnection) jarUrl.openConnection();
        Pattern crate = Pattern.compile("/wasmtime-(\\d+\\.\\d+\\.\\d+)/");
        TreeSet<String> versions = new TreeSet<>();
        try (JarFile jar = connection.getJarFile()) {
            String library = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("libwasmtime_jni_") && n.endsWith("_linux_x86_64.so"))
                    .findFirst().orElseThrow();
            try (InputStream in = jar.getInputStream(jar.getEntry(library))) {
                Matcher m = crate.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    versions.add(m.group(1));
                }
            }
        }
        assertEquals(1, versions.size(), "wasmtime crate versions in the library: " + versions);
        return versions.first();
    }
}
