package io.ecliptica.harness.fuzz.triage;

import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.FillerWriter;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves a case as a filler that {@code fill} and {@code verify} read: {@code filler.json} and the
 * code of each contract as {@code NAME.wasm} beside it (code first, so a filler on disk always
 * has its code).
 */
public final class CaseFiles {
    public static final String FILLER = "filler.json";

    private CaseFiles() {
    }

    /** @return the filler's path */
    public static Path save(Vector v, Path dir) throws IOException {
        for (ContractSpec c : v.contracts()) {
            AtomicFiles.write(dir.resolve(c.name() + ".wasm"), c.code().toByteArray());
        }
        Path filler = dir.resolve(FILLER);
        AtomicFiles.write(filler, CanonicalJson.toBytes(FillerWriter.build(v, name -> name + ".wasm")));
        return filler;
    }
}
