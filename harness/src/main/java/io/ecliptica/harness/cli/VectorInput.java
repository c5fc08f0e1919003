package io.ecliptica.harness.cli;

import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.vector.Vector;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.nio.file.Path;

/**
 * Reading one vector file for {@code verify} or {@code fill}, with the rules both share: a file
 * named on the command line must be usable; a file found by a directory scan that is not a vector
 * of the wanted kind is passed over.
 */
final class VectorInput {
    private VectorInput() {
    }

    sealed interface Loaded {
        /** A vector of the wanted kind with a known profile. */
        record Ready(Vector vector) implements Loaded {
        }

        /** Passed over: another kind of vector ({@code otherKind}) or JSON that is no vector, found by a scan. */
        record Skipped(boolean otherKind) implements Loaded {
        }

        /** Unusable: the one-line reason, for stderr (exit code 2). */
        record Refused(String message) implements Loaded {
        }
    }

    static Loaded load(Path file, boolean named, Vector.Kind wanted) {
        Vector vector;
        try {
            vector = VectorReader.read(file, Profiles.DEFAULT);
        } catch (VectorFormatException.NotAVector e) {
            return named ? new Loaded.Refused(e.getMessage()) : new Loaded.Skipped(false);
        } catch (VectorFormatException e) {
            return new Loaded.Refused(e.getMessage());
        }
        String name = VectorFiles.display(file);
        if (!Profiles.ids().contains(vector.profile())) {
            return new Loaded.Refused(name + ": _info.profile: unknown profile '" + vector.profile() + "' (known: "
                    + String.join(", ", Profiles.ids()) + ")");
        }
        if (vector.kind() != wanted) {
            if (!named) {
                return new Loaded.Skipped(true);
            }
            return new Loaded.Refused(name + (wanted == Vector.Kind.FIXTURE
                    ? ": is a filler (no expected results); run 'harness fill' on it"
                    : ": is already a filled vector, not a filler"));
        }
        return new Loaded.Ready(vector);
    }
}
