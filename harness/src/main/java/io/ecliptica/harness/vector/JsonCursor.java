package io.ecliptica.harness.vector;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON node plus where it is ({@code blocks[0].transactions[2].input}), so every error can name
 * the file and the exact place. Strict: unknown keys are errors (a typo must not be ignored),
 * except keys starting with {@code _} or {@code //}, which are free-form annotations.
 */
public final class JsonCursor {
    private final String file;
    private final String path;
    private final JsonNode node;

    public JsonCursor(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    public VectorFormatException error(String message) {
        return new VectorFormatException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public JsonCursor object() throws VectorFormatException {
        if (!node.isObject()) {
            throw error("expected a JSON object, found " + kind(node));
        }
        return this;
    }

    /** Rejects keys other than {@code allowed} (and annotations). */
    public JsonCursor onlyKeys(Set<String> allowed) throws VectorFormatException {
        object();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!allowed.contains(k) && !k.startsWith("_") && !k.startsWith("//")) {
                throw error("unknown key '" + k + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public JsonCursor get(String key) throws VectorFormatException {
        object();
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            throw error("missing required key '" + key + "'");
        }
        return new JsonCursor(file, child(key), n);
    }

    public List<JsonCursor> elements() throws VectorFormatException {
        if (!node.isArray()) {
            throw error("expected a JSON array, found " + kind(node));
        }
        List<JsonCursor> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonCursor(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** Object members in file order (the order is significant nowhere; callers sort if needed). */
    public List<Map.Entry<String, JsonCursor>> members() throws VectorFormatException {
        object();
        List<Map.Entry<String, JsonCursor>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(e.getKey(), new JsonCursor(file, child(e.getKey()), e.getValue())));
        }
        return out;
    }

    public String text() throws VectorFormatException {
        if (!node.isTextual()) {
            throw error("expected a string, found " + kind(node));
        }
        return node.textValue();
    }

    /** A non-negative integer that fits in a signed 64-bit long. */
    public long unsignedLong() throws VectorFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw error("expected a non-negative integer below 2^63, found " + node);
        }
        return node.longValue();
    }

    public Bytes hex() throws VectorFormatException {
        return hexText(text(), "");
    }

    /** Parses {@code s} as 0x-prefixed hex; {@code what} names it in errors (e.g. a map key). */
    public Bytes hexText(String s, String what) throws VectorFormatException {
        String label = what.isEmpty() ? "" : what + " ";
        if (!s.startsWith("0x")) {
            throw error("expected " + label + "hex bytes starting with 0x, found \"" + abbreviate(s) + "\"");
        }
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit) {
                throw error(label + "'" + c + "' at position " + i + " is not a hex digit");
            }
        }
        if (s.length() % 2 != 0) {
            throw error(label + "has an odd number of hex digits");
        }
        return Bytes.fromHex(s);
    }

    /** An array of typed values in the text form of docs/abi.md §4 ({@code i32:-5}, {@code f32:0x7fc00000}). */
    public List<io.ecliptica.engine.WasmValue> wasmValues() throws VectorFormatException {
        List<io.ecliptica.engine.WasmValue> values = new ArrayList<>();
        for (JsonCursor v : elements()) {
            try {
                values.add(io.ecliptica.engine.WasmValue.parse(v.text()));
            } catch (IllegalArgumentException e) {
                throw v.error(e.getMessage());
            }
        }
        return values;
    }

    public Bytes hex(int requiredLength) throws VectorFormatException {
        Bytes b = hex();
        if (b.length() != requiredLength) {
            throw error("expected " + requiredLength + " bytes, found " + b.length());
        }
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
