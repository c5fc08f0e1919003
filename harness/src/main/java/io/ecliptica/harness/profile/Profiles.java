package io.ecliptica.harness.profile;

import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.instrument.Profile;
import java.util.List;

/** The execution profiles the harness knows, by id (docs/gas.md). */
public final class Profiles {
    /** The profile of a filler that names none, and of {@code run} without {@code --profile}. */
    public static final String DEFAULT = Profile.ECLIPTICA_V1.id();

    private static final List<Profile> KNOWN = List.of(Profile.ECLIPTICA_V1, Profile.NONE, Profile.COSMWASM_LIKE);

    private Profiles() {
    }

    public static List<String> ids() {
        return KNOWN.stream().map(Profile::id).toList();
    }

    /** @throws IllegalArgumentException for an unknown id, naming the known ones */
    public static ExecutionProfile byId(String id) {
        for (Profile p : KNOWN) {
            if (p.id().equals(id)) {
                return new InstrumentedProfile(p);
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }
}
