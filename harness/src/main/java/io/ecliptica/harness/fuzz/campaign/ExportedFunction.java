package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.engine.ValueType;
import java.util.List;

/** A function export a case can call, with its signature (calls get arguments of these types). */
public record ExportedFunction(String name, List<ValueType> params, List<ValueType> results) {
    public ExportedFunction {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }
}
