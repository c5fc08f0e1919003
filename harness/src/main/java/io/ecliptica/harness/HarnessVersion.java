package io.ecliptica.harness;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The harness's own version, filtered in from the build so it cannot drift from the pom. */
public final class HarnessVersion {
    private static final String VERSION = load();

    private HarnessVersion() {
    }

    public static String version() {
        return VERSION;
    }

    /** As recorded in vectors: {@code ecliptica-harness 0.1.0}. */
    public static String label() {
        return "ecliptica-harness " + VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = HarnessVersion.class.getResourceAsStream("harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
