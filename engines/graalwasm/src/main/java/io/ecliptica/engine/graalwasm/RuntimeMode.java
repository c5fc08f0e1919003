package io.ecliptica.engine.graalwasm;

import org.graalvm.polyglot.Engine;

/**
 * Which Truffle runtime actually runs the code, detected rather than assumed: the polyglot engine
 * names its implementation "Interpreted" when it fell back to the interpreter-only runtime (stock
 * JDK without JVMCI, or JVMCI without the Graal compiler on {@code --upgrade-module-path}).
 */
final class RuntimeMode {
    static final String FALLBACK = "Truffle fallback interpreter (no JVMCI/Graal compiler)";
    static final String OPTIMIZING_PREFIX = "Truffle optimizing runtime, Graal JIT via JVMCI";

    private RuntimeMode() {
    }

    static String of(Engine engine) {
        String implementation = engine.getImplementationName();
        return isFallback(implementation) ? FALLBACK : OPTIMIZING_PREFIX + " (" + implementation + ")";
    }

    static boolean isFallback(String implementationName) {
        return implementationName == null || implementationName.equalsIgnoreCase("Interpreted");
    }
}
