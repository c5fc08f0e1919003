package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Builds the import object GraalWasm's {@code newInstance} takes ({@code {module: {name: fn}}}),
 * checking every import against what the host offers first: GraalWasm would accept any callable
 * for a function import, whatever its signature.
 */
final class ImportLinker {
    private ImportLinker() {
    }

    static ProxyObject importObject(ModuleSignatures signatures, List<HostImport> offered, InstanceState state) {
        Map<String, Map<String, Object>> modules = new HashMap<>();
        for (ModuleSignatures.Import imp : signatures.imports()) {
            HostImport host = resolve(imp, offered);
            modules.computeIfAbsent(imp.module(), m -> new HashMap<>()).put(imp.name(), new HostCall(host, state));
        }
        Map<String, Object> top = new HashMap<>();
        modules.forEach((module, functions) -> top.put(module, ProxyObject.fromMap(functions)));
        return ProxyObject.fromMap(top);
    }

    private static HostImport resolve(ModuleSignatures.Import imp, List<HostImport> offered) {
        if (!imp.isFunction()) {
            throw unknown("the module imports " + imp + " but the host provides only functions");
        }
        HostImport host = offered.stream()
                .filter(h -> h.module().equals(imp.module()) && h.name().equals(imp.name()))
                .findFirst()
                .orElseThrow(() -> unknown("unknown import " + imp));
        if (imp.type().isEmpty() || !imp.type().get().equals(host.type())) {
            throw unknown("import " + imp + " does not match the host function's type " + host.type());
        }
        return host;
    }

    private static LinkException unknown(String message) {
        return new LinkException(LinkException.Reason.UNKNOWN_IMPORT, message, null);
    }
}
