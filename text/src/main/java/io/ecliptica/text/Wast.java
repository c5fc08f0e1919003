package io.ecliptica.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.text.internal.WabtTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .wast} spec-test scripts in pure Java: wabt's {@code wast2json} compiled to JVM
 * bytecode, run on an in-memory file system (nothing is written to disk), its JSON and module
 * files turned into a {@link WastScript}. Thread-safe; the tool loads lazily on first use.
 */
public final class Wast {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wast() {}

    /**
     * Parses a script file.
     *
     * @throws WatSyntaxException the script does not parse; one line, {@code FILE:LINE:COL: ...}
     * @throws TextToolException wast2json failed otherwise, or produced output not understood
     */
    public static WastScript parse(Path wastFile) {
        try {
            return parse(Files.readAllBytes(wastFile), wastFile.toString(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses script text; {@code fileName} is used in messages and {@link WastScript#fileName()}. */
    public static WastScript parse(String wastText, String fileName) {
        return parse(wastText.getBytes(StandardCharsets.UTF_8), fileName, List.of());
    }

    /**
     * Parses a script with extra wast2json flags: feature switches ({@code --enable-...},
     * {@code --disable-...}) or {@code --no-check}.
     */
    public static WastScript parse(byte[] wastUtf8, String fileName, List<String> flags) {
        String display = fileName == null || fileName.isBlank() ? "input.wast" : fileName;
        String name = WabtDiagnostics.safeName(display, "input.wast");
        String base = name.endsWith(".wast") ? name.substring(0, name.length() - 5) : name;
        List<String> args = new ArrayList<>();
        for (String f : flags) {
            if (!(f.startsWith("--enable-") || f.startsWith("--disable-") || f.equals("--no-check"))) {
                throw new IllegalArgumentException("unsupported wast2json flag: " + f);
            }
            args.add(f);
        }
        args.add(WabtTool.IN + "/" + name);
        args.add("-o");
        args.add(WabtTool.OUT + "/" + base + ".json");
        WabtTool.Run run = WabtTool.WAST2JSON.run(Map.of(name, wastUtf8), args);
        if (run.exitCode() != 0) {
            throw WabtDiagnostics.failure("wast2json", run, display);
        }
        byte[] json = run.outFiles().get(base + ".json");
        if (json == null) {
            throw new TextToolException(display + ": wast2json wrote no JSON");
        }
        try {
            return new Reader(display, run.outFiles()).script(JSON.readTree(repairJson(json)));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new TextToolException(display + ": unreadable wast2json output: " + why, e);
        }
    }

    /**
     * wast2json writes the result types of a multi-value {@code assert_trap} without commas
     * ({@code [{"type": "i32"}{"type": "f64"}]}); insert the missing commas (outside strings).
     */
    static byte[] repairJson(byte[] json) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length + 16);
        boolean inString = false;
        boolean afterObject = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\' && i + 1 < json.length) {
                    out.write(b);
                    b = json[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                afterObject = false;
            } else if (b == '{') {
                if (afterObject) {
                    out.write(',');
                }
                afterObject = false;
            } else if (b == '}') {
                afterObject = true;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                afterObject = false;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Loads wast2json now, so that the first parse is not the slow one. */
    public static void warmUp() {
        WabtTool.WAST2JSON.load();
    }

    private record Reader(String display, Map<String, byte[]> files) {
        WastScript script(JsonNode root) {
            List<WastCommand> out = new ArrayList<>();
            for (JsonNode c : root.path("commands")) {
                int line = c.path("line").asInt(0);
                try {
                    out.add(command(c, line));
                } catch (TextToolException | IllegalArgumentException e) {
                    throw new TextToolException(display + ":" + line + ": " + e.getMessage(), e);
                }
            }
            return new WastScript(display, out);
        }

        WastCommand command(JsonNode c, int line) {
            String type = c.path("type").asText();
            return switch (type) {
                case "module" -> new WastCommand.DefineModule(line, optText(c, "name"), module(c, null));
                case "register" -> new WastCommand.Register(line, text(c, "as"), optText(c, "name"));
                case "action" -> new WastCommand.PerformAction(line, action(c), values(c.path("expected")));
                case "assert_return" -> new WastCommand.AssertReturn(line, action(c), values(c.path("expected")));
                case "assert_trap" -> c.has("action")
                        ? new WastCommand.AssertTrap(line, action(c), c.path("text").asText(), values(c.path("expected")))
                        : new WastCommand.AssertUninstantiable(line, module(c, null), c.path("text").asText());
                case "assert_exhaustion" -> new WastCommand.AssertExhaustion(
                        line, action(c), c.path("text").asText(), values(c.path("expected")));
                case "assert_invalid" -> new WastCommand.AssertInvalid(line, module(c, null), c.path("text").asText());
                case "assert_malformed" -> new WastCommand.AssertMalformed(line, module(c, null), c.path("text").asText());
                case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, module(c, null), c.path("text").asText());
                case "assert_uninstantiable" -> new WastCommand.AssertUninstantiable(
                        line, module(c, null), c.path("text").asText());
                default -> new WastCommand.Unsupported(line, type, c.toString());
            };
        }

        WastModule module(JsonNode c, String defaultType) {
            String fileName = text(c, "filename");
            String moduleType = c.has("module_type") ? c.path("module_type").asText() : defaultType;
            if (moduleType == null) {
                moduleType = fileName.endsWith(".wat") ? "text" : "binary";
            }
            byte[] bytes = files.get(fileName);
            if (bytes == null) {
                throw new TextToolException("wast2json wrote no module file " + fileName);
            }
            return switch (moduleType) {
                case "binary" -> new WastModule(WastModule.Kind.BINARY, fileName, bytes);
                case "text" -> new WastModule(WastModule.Kind.TEXT, fileName, bytes);
                default -> throw new TextToolException("unknown module_type " + moduleType);
            };
        }

        WastAction action(JsonNode c) {
            JsonNode a = c.path("action");
            String module = optText(a, "module");
            String field = text(a, "field");
            return switch (a.path("type").asText()) {
                case "invoke" -> new WastAction.Invoke(module, field, values(a.path("args")));
                case "get" -> new WastAction.Get(module, field);
                default -> throw new TextToolException("unknown action type " + a.path("type").asText());
            };
        }

        static List<WastValue> values(JsonNode array) {
            List<WastValue> out = new ArrayList<>();
            for (JsonNode v : array) {
                out.add(value(v));
            }
            return out;
        }

        static WastValue value(JsonNode v) {
            ValType type = ValType.of(v.path("type").asText());
            JsonNode value = v.get("value");
            if (value == null || value.isNull()) {
                return new WastValue.AnyOf(type);
            }
            if (type == ValType.V128) {
                List<String> lanes = new ArrayList<>();
                for (JsonNode l : value) {
                    lanes.add(l.asText());
                }
                return new WastValue.V128(v.path("lane_type").asText(), lanes);
            }
            String s = value.asText();
            if (type.isReference()) {
                return s.equals("null") ? new WastValue.RefNull(type) : new WastValue.RefHost(type, Long.parseUnsignedLong(s));
            }
            return switch (s) {
                case "nan:canonical" -> new WastValue.NanPattern(type, WastValue.NanKind.CANONICAL);
                case "nan:arithmetic" -> new WastValue.NanPattern(type, WastValue.NanKind.ARITHMETIC);
                default -> new WastValue.Num(type, Long.parseUnsignedLong(s));
            };
        }

        static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                throw new TextToolException("missing \"" + field + "\"");
            }
            return v.asText();
        }

        static String optText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }
}
