package io.ecliptica.harness.cli;

import io.ecliptica.harness.crypto.DecryptionKey;
import io.ecliptica.harness.privacy.Disclosure;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code harness decrypt}: what a key holder can read of a private vector (docs/privacy.md §8).
 * Plaintext is printed only here, and only what the given key opens.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Read a private vector's encrypted state values and sealed outputs with a key.",
                "KEY is master:HEX, contract:ADDRESS:HEX, slot:ADDRESS:STORAGE_KEY:HEX or viewing:HEX "
                        + "(docs/privacy.md §8.1). Exit code 0 if the key opened something and nothing it covers "
                        + "failed to open, 1 if it opened nothing or a value it covers did not open, 2 for bad input."})
final class DecryptCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FIXTURE", description = "A filled private vector.")
    Path file;

    @Option(names = "--key", paramLabel = "KEY", description = "The key (visible to other local users in the process list; prefer --key-file).")
    String keyText;

    @Option(names = "--key-file", paramLabel = "FILE", description = "A file holding the key ('-' for standard input).")
    String keyFile;

    @Option(names = "--block", paramLabel = "HEIGHT", description = "Only outputs and writes of the block at this height.")
    Long height;

    @Option(names = "--tx", paramLabel = "INDEX", description = "Only the transaction at this 0-based index in its block.")
    Integer txIndex;

    @Option(names = "--contract", paramLabel = "NAME|ADDRESS", description = "Only state of this contract.")
    String contract;

    @Option(names = "--slot", paramLabel = "HEX", description = "Only state under this storage key (0x-prefixed hex).")
    String slot;

    @Override
    public Integer call() throws IOException {
        Optional<String> text = KeyInput.read(keyText, keyFile, "decrypt", main.err);
        if (text.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        DecryptionKey key;
        try {
            key = DecryptionKey.parse(text.get());
        } catch (IllegalArgumentException e) {
            // the message never repeats the text, which may be a key (DecryptionKey.parse)
            main.err.println("harness decrypt: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Vector vector;
        switch (VectorInput.load(file, true, Vector.Kind.FIXTURE)) {
            case VectorInput.Loaded.Ready r -> vector = r.vector();
            case VectorInput.Loaded.Refused r -> {
                main.err.println("harness decrypt: " + r.message());
                return ExitCode.BAD_INPUT;
            }
            case VectorInput.Loaded.Skipped s -> throw new IllegalStateException("a named file is never skipped");
        }
        if (vector.privacy().isEmpty()) {
            main.err.println("harness decrypt: " + VectorFiles.display(file) + ": not a private chain (no privacy block), nothing is encrypted");
            return ExitCode.BAD_INPUT;
        }
        Disclosure.Filter filter;
        try {
            filter = new Disclosure.Filter(Optional.ofNullable(height), Optional.ofNullable(txIndex),
                    contractAddress(vector), slotKey());
        } catch (IllegalArgumentException e) {
            main.err.println("harness decrypt: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Disclosure.Result result = Disclosure.of(vector, key, filter);
        for (Disclosure.Item item : result.revealed()) {
            main.out.println(item.where() + ": " + show(item.plaintext().orElseThrow()));
        }
        for (Disclosure.Item item : result.failed()) {
            main.out.println(item.where() + ": cannot decrypt (modified, or a key of the right kind but not the right key)");
        }
        String summary = result.revealed().size() + " of " + result.examined() + " encrypted values opened with this "
                + key.getClass().getSimpleName().replace("ChainSecret", "master key").replace("StateCipher", "contract key")
                .replace("SlotKey", "slot key").replace("ViewingKey", "viewing key")
                + (result.failed().isEmpty() ? "" : ", " + result.failed().size() + " it covers did not open");
        if (result.revealed().isEmpty()) {
            main.err.println("harness decrypt: the key opens none of the " + result.examined() + " encrypted values of "
                    + VectorFiles.display(file) + " (wrong key, or nothing of it matches the filters)");
            return ExitCode.DIFFERENCE;
        }
        main.out.println(summary);
        return result.failed().isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCE;
    }

    private Optional<Bytes> contractAddress(Vector vector) {
        if (contract == null) {
            return Optional.empty();
        }
        for (ContractSpec c : vector.contracts()) {
            if (c.name().equals(contract)) {
                return Optional.of(c.address());
            }
        }
        if (contract.matches("0x[0-9a-fA-F]{64}")) {
            return Optional.of(Bytes.fromHex(contract));
        }
        throw new IllegalArgumentException("--contract: '" + contract + "' is neither a contract of the vector nor a 32-byte hex address");
    }

    private Optional<Bytes> slotKey() {
        return slot == null ? Optional.empty() : Optional.of(KeyInput.hex(slot, -1, "--slot"));
    }

    /** Hex, plus the text when every byte is printable ASCII. */
    static String show(Bytes b) {
        byte[] a = b.toByteArray();
        boolean printable = a.length > 0;
        for (byte x : a) {
            printable &= x >= 0x20 && x < 0x7f;
        }
        return b.toHex() + (printable ? "  \"" + new String(a, StandardCharsets.US_ASCII) + "\"" : "");
    }
}
