package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** A {@link HostImport} as GraalWasm sees it: a polyglot executable bound to one instance's state. */
final class HostCall implements ProxyExecutable {
    private final HostImport host;
    private final FunctionType type;
    private final InstanceState state;

    HostCall(HostImport host, InstanceState state) {
        this.host = host;
        this.type = host.type();
        this.state = state;
    }

    @Override
    public Object execute(Value... arguments) {
        state.checkInterrupt();
        long[] args = new long[arguments.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = Values.toBits(type.params().get(i), arguments[i]);
        }
        long[] results;
        try {
            results = host.function().call(state.memory, args);
            if (results == null && type.results().isEmpty()) {
                results = new long[0];
            }
            if (results == null || results.length != type.results().size()) {
                throw new IllegalStateException("host function " + host.module() + "." + host.name() + " returned "
                        + (results == null ? "null" : results.length + " values") + " for results " + type.results());
            }
        } catch (RuntimeException e) {
            state.recordHostFailure(e);
            throw e; // GraalWasm wraps it as a host exception; the instance unwraps it
        }
        state.checkInterrupt();
        return Values.hostResult(type.results(), results);
    }
}
