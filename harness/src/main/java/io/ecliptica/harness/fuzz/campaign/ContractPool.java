package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.Vector;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bundled contracts a case may call: every contract of every filler in a directory (default
 * {@code vectors/fillers}), in file-name order then contract order, with its initial storage;
 * a contract whose code and storage repeat an earlier one is left out. The order is part of case
 * derivation (docs/fuzzing.md), so the pool's hash goes into the campaign summary.
 */
public final class ContractPool {
    /** One callable contract: where it came from, its code and storage, its function exports. */
    public record Entry(String label, ContractSpec contract, List<ExportedFunction> exports) {
        public Entry {
            exports = List.copyOf(exports);
        }
    }

    private final List<Entry> entries;
    private final String hash;

    private ContractPool(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        StringBuilder all = new StringBuilder();
        for (Entry e : entries) {
            all.append(e.label()).append(' ').append(e.contract().codeHash().toHex()).append(' ')
                    .append(e.contract().storage()).append('\n');
        }
        this.hash = StateRootScheme.sha256(Bytes.utf8(all.toString())).toHex();
    }

    public static ContractPool empty() {
        return new ContractPool(List.of());
    }

    /** @throws IOException the directory cannot be listed, or a filler in it cannot be read */
    public static ContractPool load(Path fillers) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(fillers)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path f : files) {
            Vector v;
            try {
                v = VectorReader.read(f, Profiles.DEFAULT);
            } catch (VectorFormatException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (v.kind() != Vector.Kind.FILLER) {
                continue;
            }
            for (ContractSpec c : v.contracts()) {
                String identity = c.codeHash().toHex() + c.storage();
                List<ExportedFunction> exports = ExportReader.read(c.code().toByteArray());
                if (!exports.isEmpty() && seen.add(identity)) {
                    String file = f.getFileName().toString();
                    entries.add(new Entry(file.substring(0, file.length() - ".json".length()) + ":" + c.name(), c, exports));
                }
            }
        }
        return new ContractPool(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** SHA-256 over the pool's labels, code hashes and storage, in order. */
    public String hash() {
        return hash;
    }
}
