package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.List;

/** A function type: parameter and result types. */
public record FuncSig(List<ValueType> params, List<ValueType> results) {
    public FuncSig {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }
}
