package io.ecliptica.harness.profile;

import io.ecliptica.harness.exec.ExecutionProfile;
import java.util.List;

/** The execution profiles the harness knows, by id (docs/gas.md). */
public final class Profiles {
    /** The profile of a filler that names none, and of {@code run} without {@code --profile}. */
    public static final String DEFAULT = "none";

    private Profiles() {
    }

    public static List<String> ids() {
        return List.of("none");
    }

    /** @throws IllegalArgumentException for an unknown id, naming the known ones */
    public static ExecutionProfile byId(String id) {
        if (id.equals("none")) {
            return ExecutionProfile.NONE;
        }
        throw new IllegalArgumentException("unknown profile '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }
}
