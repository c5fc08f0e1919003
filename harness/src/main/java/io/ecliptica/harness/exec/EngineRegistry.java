package io.ecliptica.harness.exec;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The engine adapters on the class path, found through {@link ServiceLoader} so the harness
 * depends on the engine API only. Listed in a fixed order (the reference order of reports).
 */
public final class EngineRegistry {
    /** Report order for the engines this project ships; others follow by id. */
    private static final List<String> ORDER = List.of("chicory-interpreter", "chicory-compiler", "wasmtime", "graalwasm");

    private final List<WasmEngineProvider> providers;
    /** Engines found by name only ({@link UnlistedEngineProvider}). */
    private final List<UnlistedEngineProvider> unlisted;

    private EngineRegistry(List<WasmEngineProvider> providers, List<UnlistedEngineProvider> unlisted) {
        this.providers = providers;
        this.unlisted = unlisted;
    }

    public static EngineRegistry discover() {
        List<WasmEngineProvider> found = new ArrayList<>();
        ServiceLoader.load(WasmEngineProvider.class).forEach(found::add);
        found.sort(Comparator.comparingInt((WasmEngineProvider p) -> rank(p.id())).thenComparing(WasmEngineProvider::id));
        List<UnlistedEngineProvider> byNameOnly = new ArrayList<>();
        ServiceLoader.load(UnlistedEngineProvider.class).forEach(byNameOnly::add);
        byNameOnly.sort(Comparator.comparing(WasmEngineProvider::id));
        return new EngineRegistry(List.copyOf(found), List.copyOf(byNameOnly));
    }

    private static int rank(String id) {
        int i = ORDER.indexOf(id);
        return i < 0 ? ORDER.size() : i;
    }

    public List<String> ids() {
        return providers.stream().map(WasmEngineProvider::id).toList();
    }

    /** The engines used when none are named: every engine except demonstration variants. */
    public List<String> defaultIds() {
        return providers.stream().filter(WasmEngineProvider::selectedByDefault).map(WasmEngineProvider::id).toList();
    }

    /** The engine of that id, listed or {@linkplain UnlistedEngineProvider usable by name only}. */
    public Optional<WasmEngineProvider> provider(String id) {
        Optional<WasmEngineProvider> listed = providers.stream().filter(p -> p.id().equals(id)).findFirst();
        return listed.isPresent() ? listed
                : unlisted.stream().filter(p -> p.id().equals(id)).map(p -> (WasmEngineProvider) p).findFirst();
    }

    /** An engine's availability on this JVM, as {@code harness engines} shows it. */
    public record Probe(String id, String description, Optional<EngineDescriptor> descriptor, String problem,
                        boolean selectedByDefault) {
        public boolean usable() {
            return descriptor.isPresent();
        }
    }

    /** Starts each engine once to see whether it runs here; a failure is reported, not thrown. */
    public List<Probe> probeAll() {
        List<Probe> out = new ArrayList<>();
        for (WasmEngineProvider p : providers) {
            try (WasmEngine e = p.create()) {
                out.add(new Probe(p.id(), p.description(), Optional.of(e.descriptor()), "", p.selectedByDefault()));
            } catch (EngineUnavailableException e) {
                out.add(new Probe(p.id(), p.description(), Optional.empty(), e.getMessage(), p.selectedByDefault()));
            } catch (RuntimeException | LinkageError e) {
                out.add(new Probe(p.id(), p.description(), Optional.empty(),
                        e.getClass().getSimpleName() + ": " + e.getMessage(), p.selectedByDefault()));
            }
        }
        return out;
    }
}
