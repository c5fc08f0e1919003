package io.ecliptica.acceptance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte strings as the feature files write them: a sequence of parts, concatenated.
 * <ul>
 *   <li>{@code "text"}: the ASCII bytes of the text (spaces allowed inside the quotes)</li>
 *   <li>{@code 0x01ab}: hex bytes ({@code 0x} alone is empty)</li>
 *   <li>{@code u32:N}, {@code i32:N}: 4 bytes little-endian; {@code u64:N}, {@code i64:N}: 8 bytes</li>
 *   <li>{@code u64:h(N)}: 8 bytes, the recursion contract's h(N) ({@link #recursionH})</li>
 * </ul>
 * For example {@code u32:3 "abc" "hello"} is kvstore's put input for key "abc", value "hello".
 * An empty cell is the empty byte string.
 */
final class ByteSpec {
    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private ByteSpec() {
    }

    static byte[] bytes(String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = PART.matcher(spec == null ? "" : spec.trim());
        while (m.find()) {
            if (m.group(1) != null) {
                out.writeBytes(m.group(1).getBytes(StandardCharsets.US_ASCII));
                continue;
            }
            String p = m.group(2);
            if (p.startsWith("0x")) {
                out.writeBytes(HexFormat.of().parseHex(p.substring(2)));
            } else if (p.startsWith("u32:") || p.startsWith("i32:")) {
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt((int) Long.parseLong(p.substring(4))).array());
            } else if (p.matches("u64:h\\(\\d+\\)")) {
                out.writeBytes(le64(recursionH(Integer.parseInt(p.substring(6, p.length() - 1)))));
            } else if (p.startsWith("u64:")) {
                out.writeBytes(le64(Long.parseUnsignedLong(p.substring(4))));
            } else if (p.startsWith("i64:")) {
                out.writeBytes(le64(Long.parseLong(p.substring(4))));
            } else {
                throw new IllegalArgumentException("cannot read byte string part '" + p + "' in '" + spec
                        + "' (use \"text\", 0xhex, u32:N, i32:N, u64:N or i64:N)");
            }
        }
        return out.toByteArray();
    }

    /**
     * h(k) of the bundled recursion contract, from the formula in vectors/contracts/README.md:
     * h(0) = 0x9e3779b97f4a7c15, h(k) = rotl(h(k-1) ^ k * 0x100000001b3, 5) * 0x5851f42d4c957f2d + k,
     * all in wrapping u64 arithmetic.
     */
    static long recursionH(int k) {
        long h = 0x9e3779b97f4a7c15L;
        for (long i = 1; i <= k; i++) {
            h = Long.rotateLeft(h ^ (i * 0x100000001b3L), 5) * 0x5851f42d4c957f2dL + i;
        }
        return h;
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** The hex form vectors use: {@code 0x} and two lower-case digits per byte. */
    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    static String hex(String spec) {
        return hex(bytes(spec));
    }
}
