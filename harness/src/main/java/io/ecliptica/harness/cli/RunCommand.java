package io.ecliptica.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.report.JsonReport;
import io.ecliptica.harness.report.TextReport;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.ModuleFiles;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one export of any module on every engine and print the results side by side.",
                "The module is deployed at address 0x00..01 with empty storage and called by 0x00..00 in block "
                        + "height 1, time 0; modules with no host imports at all work too."})
final class RunCommand implements Callable<Integer> {
    static final Bytes SELF = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    static final Bytes CALLER = Bytes.fromHex("0x" + "00".repeat(32));

    @ParentCommand
    Main main;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .wasm binary or a .wat text module.")
    Path file;

    @Option(names = "--call", required = true, paramLabel = "EXPORT", description = "The function export to call.")
    String export;

    @Option(names = "--args", split = ",", paramLabel = "VALUE",
            description = "Arguments, comma-separated: plain numbers take the export's parameter types; "
                    + "typed values like i64:5 or f32:0x7fc00000 are taken as written.")
    List<String> args = new ArrayList<>();

    @Option(names = "--input", paramLabel = "HEX", defaultValue = "", description = "Call input bytes (hex) for input_read.")
    String input;

    @Option(names = "--profile", paramLabel = "ID", description = "Execution profile (default: ${DEFAULT-VALUE}); see docs/gas.md.")
    String profile = Profiles.DEFAULT;

    @Option(names = "--gas-limit", paramLabel = "GAS", description = "Gas limit of the call under a metering profile (default: ${DEFAULT-VALUE}).")
    long gasLimit = Vector.DEFAULT_GAS_LIMIT;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--full", description = "Print long values whole.")
    boolean full;

    @Override
    public Integer call() {
        byte[] code;
        try {
            code = ModuleFiles.load(file);
        } catch (ModuleFiles.ModuleFileException e) {
            main.err.println("harness run: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Bytes inputBytes;
        try {
            inputBytes = Bytes.fromHex(input.startsWith("0x") || input.isEmpty() ? input : "0x" + input);
        } catch (IllegalArgumentException e) {
            main.err.println("harness run: --input: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (!Profiles.ids().contains(profile)) {
            main.err.println("harness run: --profile: unknown profile '" + profile + "' (known: " + String.join(", ", Profiles.ids()) + ")");
            return ExitCode.BAD_INPUT;
        }
        if (gasLimit < 0) {
            main.err.println("harness run: --gas-limit must not be negative");
            return ExitCode.BAD_INPUT;
        }
        List<EngineExecutor> engines;
        try {
            engines = engineOptions.open(main.err);
        } catch (EngineOptions.EngineSelectionException e) {
            main.err.println("harness run: " + e.getMessage());
            return e.exitCode;
        }
        try (DifferentialRunner runner = new DifferentialRunner(engines, Profiles::byId)) {
            Bytes codeHash = StateRootScheme.codeHash(code);
            List<WasmValue> values;
            try {
                values = arguments(engines.get(0).exportType(runner.prepared(profile), CodeStore.empty().with(code),
                        codeHash, export));
            } catch (IllegalArgumentException e) {
                main.err.println("harness run: --args: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            ContractSpec contract = new ContractSpec(file.getFileName().toString(), SELF, Bytes.of(code), codeHash,
                    file.toString(), new TreeMap<>());
            TxSpec tx = new TxSpec(new Transaction(CALLER, SELF, export, inputBytes, values, gasLimit), Optional.empty());
            Vector vector = new Vector(file, Vector.Kind.FILLER, "harness run", profile, List.of(contract),
                    List.of(new BlockSpec(new BlockHeader(1, 0), List.of(tx), Optional.empty())),
                    Optional.empty(), Optional.empty());
            VectorVerdict verdict = runner.run(vector);
            Optional<String> rejection = rejectedByAll(verdict);
            if (rejection.isPresent()) {
                main.err.println("harness run: " + VectorFiles.display(file) + ": invalid module: " + rejection.get());
                return ExitCode.BAD_INPUT;
            }
            int exit = verdict.passed() ? ExitCode.OK
                    : verdict.hasEngineFailure() && !verdict.hasDifference() ? ExitCode.INTERNAL : ExitCode.DIFFERENCE;
            print(verdict, engines, exit);
            return exit;
        }
    }

    private void print(VectorVerdict verdict, List<EngineExecutor> engines, int exit) {
        if (json) {
            JsonReport report = new JsonReport("run", engines.stream().map(EngineExecutor::descriptor).toList());
            ObjectNode node = report.vector(VectorFiles.display(file), verdict);
            node.put("export", export);
            report.results(node, verdict);
            report.summary(1, verdict.passed() ? 1 : 0, verdict.passed() ? 0 : 1, 0, exit);
            main.out.print(report.toText());
            return;
        }
        TextReport text = new TextReport(main.out, full);
        text.engines(engines.stream().map(EngineExecutor::descriptor).toList());
        text.line(VectorFiles.display(file) + " " + export + "(" + String.join(", ",
                verdict.vector().blocks().get(0).transactions().get(0).tx().args().stream().map(WasmValue::toString).toList())
                + ")");
        text.sideBySide(verdict);
        text.line("");
        if (verdict.passed()) {
            text.line("AGREE: all " + verdict.traces().size() + " engines give byte-identical results.");
        } else {
            verdict.findings().forEach(text::finding);
        }
    }

    /** If every engine rejected the module as invalid, the reason the first one gave. */
    private static Optional<String> rejectedByAll(VectorVerdict verdict) {
        String first = null;
        for (EngineTrace t : verdict.traces()) {
            Optional<CallResult> r = t.result(0, 0);
            if (r.isEmpty() || r.get().status() != Status.INVALID || !r.get().errorClass().equals("invalid_module")) {
                return Optional.empty();
            }
            if (first == null) {
                first = t.engine().id() + " says: " + r.get().diagnostic().lines().findFirst().orElse("");
            }
        }
        return Optional.ofNullable(first);
    }

    private List<WasmValue> arguments(Optional<FunctionType> type) {
        List<WasmValue> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).trim();
            if (a.contains(":")) {
                out.add(WasmValue.parse(a));
                continue;
            }
            int index = i;
            // Untyped numbers take the export's parameter type; without a usable signature, i32.
            ValueType t = type.filter(ft -> ft.params().size() == args.size())
                    .map(ft -> ft.params().get(index)).orElse(ValueType.I32);
            out.add(WasmValue.parse(t.wasmName() + ":" + a));
        }
        return out;
    }
}
