package io.ecliptica.harness.cli;

import io.ecliptica.harness.HarnessVersion;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harness}: the command-line entry point. */
@Command(name = "harness", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Ecliptica conformance harness: runs WebAssembly contracts on several engines and checks "
                + "that every byte of every result agrees.",
        subcommands = {EnginesCommand.class, VerifyCommand.class, FillCommand.class, RunCommand.class, BenchCommand.class, SpecCommand.class,
                FuzzCommand.class, DecryptCommand.class, DiscloseCommand.class,
                GenChainCommand.class, ReplayCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every engine agrees and matches every expectation",
                "1:divergence between engines, or mismatch with a vector",
                "2:bad input or usage (malformed wasm, WAT or JSON; unknown option or engine)",
                "3:internal error, engine crash or hang, or no engine can start"})
public final class Main implements Runnable {
    final PrintStream out;
    final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command (engines, verify, fill, run)");
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs the harness in-process; returns the exit code. Used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("harness: " + ex.getMessage());
            err.println("Try 'harness " + (ex.getCommandLine().getCommandName().equals("harness") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parseResult) -> internalError(ex, err));
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands only exceptions to the handler; an Error (a native library that does not
            // load, a class that fails to initialize) would otherwise end in a stack trace and exit 1
            return internalError(e, err);
        }
    }

    private static int internalError(Throwable ex, PrintStream err) {
        err.println("harness: internal error: " + ex.getClass().getName() + ": " + ex.getMessage());
        if (System.getenv("ECLIPTICA_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set ECLIPTICA_DEBUG=1 for the stack trace)");
        }
        return ExitCode.INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {HarnessVersion.label()};
        }
    }
}
