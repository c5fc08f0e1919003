package io.ecliptica.harness.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** The built contracts under {@code vectors/contracts} (one folder per contract, {@code NAME/NAME.wasm}). */
public final class BundledContracts {
    /** Each contract's source, relative to the contracts folder (recorded in the chain). */
    private static final Map<String, String> SOURCES = Map.of(
            "token", "token/token.rs",
            "auction", "auction/assembly/auction.ts",
            "voting", "voting/voting.c",
            "counter", "counter/counter.wat",
            "kvstore", "kvstore/kvstore.c");

    private final Path dir;

    public BundledContracts(Path dir) {
        this.dir = dir;
    }

    /** The wasm of contract {@code name}; IllegalArgumentException (one line) if it cannot be read. */
    public byte[] code(String name) {
        Path file = dir.resolve(name).resolve(name + ".wasm");
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (is --contracts the bundled contracts folder?)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    public String source(String name) {
        return "vectors/contracts/" + SOURCES.getOrDefault(name, name + "/" + name + ".wasm");
    }
}
