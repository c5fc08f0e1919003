package io.ecliptica.harness.cli;

import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionKey;
import io.ecliptica.harness.crypto.StateCipher;
import io.ecliptica.harness.state.Bytes;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code harness disclose}: derives a narrower key to hand to a third party (docs/privacy.md §4):
 * a contract key from the master secret, or a slot key (one storage key of one contract) from
 * either. The derived key is printed on standard output and nowhere else.
 */
@Command(name = "disclose", mixinStandardHelpOptions = true,
        description = {"Derive a key for selective disclosure: the contract key of --contract (from a master key), "
                + "or with --slot the key of one storage key (from a master or contract key).",
                "Prints the derived key (secret) on standard output; read it with 'harness decrypt'."})
final class DiscloseCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--key", paramLabel = "KEY", description = "master:HEX or contract:ADDRESS:HEX (prefer --key-file).")
    String keyText;

    @Option(names = "--key-file", paramLabel = "FILE", description = "A file holding the key ('-' for standard input).")
    String keyFile;

    @Option(names = "--contract", paramLabel = "ADDRESS", required = true, description = "The contract's 32-byte address (0x hex).")
    String contract;

    @Option(names = "--slot", paramLabel = "HEX", description = "The storage key (0x hex, 0x for the empty key).")
    String slot;

    @Override
    public Integer call() {
        Optional<String> text = KeyInput.read(keyText, keyFile, "disclose", main.err);
        if (text.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        DecryptionKey key;
        Bytes address;
        Optional<Bytes> storageKey;
        try {
            key = DecryptionKey.parse(text.get());
            address = KeyInput.hex(contract, 32, "--contract");
            storageKey = slot == null ? Optional.empty() : Optional.of(KeyInput.hex(slot, -1, "--slot"));
        } catch (IllegalArgumentException e) {
            main.err.println("harness disclose: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        StateCipher contractKey = switch (key) {
            case ChainSecret master -> master.contract(address);
            case StateCipher c when c.address().equals(address) -> c;
            case StateCipher c -> null;
            default -> null;
        };
        if (contractKey == null) {
            main.err.println("harness disclose: a " + (key instanceof StateCipher ? "contract key of another contract"
                    : "slot or viewing key") + " cannot derive keys for " + address);
            return ExitCode.BAD_INPUT;
        }
        main.out.println(storageKey.isEmpty() ? contractKey.exportText() : contractKey.slot(storageKey.get()).exportText());
        return ExitCode.OK;
    }
}
