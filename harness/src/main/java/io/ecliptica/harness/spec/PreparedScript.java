package io.ecliptica.harness.spec;

import io.ecliptica.text.WastCommand;
import io.ecliptica.text.WastModule;
import io.ecliptica.text.WastScript;
import java.util.IdentityHashMap;
import java.util.Map;

/** A parsed script with every binary module prepared once, shared read-only by all engines. */
record PreparedScript(WastScript script, Map<WastModule, PreparedModule> modules) {

    static PreparedScript of(WastScript script, ModuleTransform transform) {
        Map<WastModule, PreparedModule> modules = new IdentityHashMap<>();
        for (WastCommand c : script.commands()) {
            WastModule m = switch (c) {
                case WastCommand.DefineModule d -> d.module();
                case WastCommand.ModuleAssertion a -> a.module();
                default -> null;
            };
            if (m != null && m.isBinary()) {
                modules.put(m, PreparedModule.of(m.bytes(), transform));
            }
        }
        return new PreparedScript(script, modules);
    }

    PreparedModule module(WastModule m) {
        PreparedModule p = modules.get(m);
        if (p == null) {
            throw new IllegalArgumentException("module not prepared: " + m);
        }
        return p;
    }
}
