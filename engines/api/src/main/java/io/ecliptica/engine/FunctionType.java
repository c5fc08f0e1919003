package io.ecliptica.engine;

import java.util.List;

/** A WebAssembly function signature. */
public record FunctionType(List<ValueType> params, List<ValueType> results) {

    public FunctionType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
    }

    @Override
    public String toString() {
        return params.stream().map(ValueType::wasmName).toList() + " -> "
                + results.stream().map(ValueType::wasmName).toList();
    }
}
