package io.ecliptica.harness.runner;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.stream.Collectors;

/** Canonical text of compared values, the same in text and JSON reports and in vectors. */
public final class FieldText {
    private FieldText() {
    }

    public static String of(CallResult.Field field, CallResult r) {
        return render(r.field(field));
    }

    static String render(Object value) {
        return switch (value) {
            case Status s -> s.id();
            case String s -> s.isEmpty() ? "\"\"" : s;
            case Bytes b -> b.toHex();
            case Long n -> Long.toString(n);
            case List<?> list -> list.stream().map(FieldText::element).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value);
        };
    }

    private static String element(Object o) {
        return switch (o) {
            case WasmValue v -> v.toString();
            case Event e -> "{emitter " + e.emitter().toHex() + ", topic " + e.topic().toHex() + ", data " + e.data().toHex() + "}";
            case StorageWrite w -> w.address().toHex() + " " + w.key().toHex() + " = " + w.value().map(Bytes::toHex).orElse("(deleted)");
            default -> String.valueOf(o);
        };
    }
}
