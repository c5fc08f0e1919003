package io.ecliptica.text;

import io.ecliptica.text.internal.WabtTool;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns wabt's stderr into {@link WatSyntaxException.Diagnostic}s with the caller's file name. */
final class WabtDiagnostics {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    // "/in/x.wat:3:4: error: unexpected token foo, expected )."
    private static final Pattern LOCATED =
            Pattern.compile("^(.*?):(\\d+):(\\d+): error: (.*)$");
    private static final Pattern UNLOCATED = Pattern.compile("^error: (.*)$");

    private WabtDiagnostics() {}

    /** A file name safe to use inside the tool's in-memory file system. */
    static String safeName(String fileName, String defaultName) {
        String base = fileName == null ? "" : fileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = defaultName + base;
        }
        return base;
    }

    static List<WatSyntaxException.Diagnostic> parse(String stderr, String displayName) {
        List<WatSyntaxException.Diagnostic> out = new ArrayList<>();
        String clean = ANSI.matcher(stderr).replaceAll("");
        for (String line : clean.split("\\R")) {
            Matcher m = LOCATED.matcher(line);
            if (m.matches() && m.group(1).startsWith(WabtTool.IN + "/")) {
                out.add(new WatSyntaxException.Diagnostic(displayName,
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4).strip()));
                continue;
            }
            Matcher u = UNLOCATED.matcher(line);
            if (u.matches()) {
                out.add(new WatSyntaxException.Diagnostic(displayName, 0, 0,
                        u.group(1).replace(WabtTool.IN + "/", "").strip()));
            }
        }
        return out;
    }

    /** Throws the exception matching a failed run (exit code != 0). */
    static RuntimeException failure(String tool, WabtTool.Run run, String displayName) {
        List<WatSyntaxException.Diagnostic> ds = parse(run.stderr(), displayName);
        if (!ds.isEmpty()) {
            return new WatSyntaxException(ds);
        }
        String err = ANSI.matcher(run.stderr()).replaceAll("").strip()
                .replaceAll("\\s*\\R\\s*", " ");
        return new TextToolException(displayName + ": " + tool + " failed with exit code "
                + run.exitCode() + (err.isEmpty() ? "" : ": " + err));
    }
}
