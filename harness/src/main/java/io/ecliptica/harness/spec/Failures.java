package io.ecliptica.harness.spec;

import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;
import io.ecliptica.harness.abi.HostSignal;
import java.util.Locale;

/** Turns whatever an engine threw into the canonical observed outcome and a one-line detail. */
final class Failures {
    private Failures() {
    }

    record Observed(String observed, String detail) {}

    static Observed observe(Throwable t) {
        String detail = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
        String observed = switch (t) {
            case WasmTrapException w -> "trap " + w.kind().id();
            // Thrown by the metering imports of an instrumented module (docs/gas.md §2), handed back by the engine.
            case HostSignal.StackExhausted s -> "trap " + TrapKind.CALL_STACK_EXHAUSTED.id();
            case HostSignal.OutOfGas g -> "trap out_of_gas";
            case ModuleRejectedException r -> "rejected";
            case LinkException l -> l.reason() == LinkException.Reason.UNKNOWN_IMPORT ? "link error"
                    : "call error " + l.reason().name().toLowerCase(Locale.ROOT);
            case ExecutionInterruptedException i -> "interrupted";
            case EngineFailureException f -> "engine failure";
            case StackOverflowError s -> "jvm stack overflow";
            default -> "engine failure";
        };
        return new Observed(observed, detail);
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
