package io.ecliptica.harness.spec;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec testsuite's {@code spectest} host module, functions only: the print functions, as
 * no-ops. Its {@code global_*}, {@code memory} and {@code table} exports cannot be offered through
 * the engine API, so modules importing them are skipped (see {@link ModuleImports#unsupported()}).
 */
final class Spectest {
    static final String MODULE = "spectest";

    private static final long[] NONE = new long[0];
    private static final Map<String, FunctionType> FUNCTIONS = Map.of(
            "print", sig(),
            "print_i32", sig(ValueType.I32),
            "print_i64", sig(ValueType.I64),
            "print_f32", sig(ValueType.F32),
            "print_f64", sig(ValueType.F64),
            "print_i32_f32", sig(ValueType.I32, ValueType.F32),
            "print_f64_f64", sig(ValueType.F64, ValueType.F64));

    private Spectest() {
    }

    /** The host function {@code spectest.name}, if spectest has a function of that name. */
    static Optional<HostImport> function(String name) {
        FunctionType type = FUNCTIONS.get(name);
        return type == null ? Optional.empty()
                : Optional.of(new HostImport(MODULE, name, type, (memory, args) -> NONE));
    }

    private static FunctionType sig(ValueType... params) {
        return FunctionType.of(List.of(params), List.of());
    }
}
