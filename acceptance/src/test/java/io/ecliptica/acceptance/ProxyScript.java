package io.ecliptica.acceptance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The bundled proxy contract's command scripts (vectors/contracts/proxy/proxy.wat), written in
 * feature files as words separated by spaces:
 * {@code W k vv} (write key k, one hex byte value), {@code G k}, {@code E t}, {@code K}, {@code O},
 * {@code D}, {@code R}, {@code A}, {@code T}, {@code L}, and {@code C <contract> <gas|all> { script }}
 * for a call of another proxy with its own script. For example
 * {@code W a 01 C B all { W b 02 E x } O}.
 */
final class ProxyScript {
    private final List<String> words;
    private final Map<String, String> addresses;
    private int at;

    private ProxyScript(String text, Map<String, String> addresses) {
        this.words = List.of(text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+"));
        this.addresses = addresses;
    }

    /** The input bytes of {@code text}; {@code addresses} maps contract names to their 0x addresses. */
    static byte[] compile(String text, Map<String, String> addresses) {
        ProxyScript s = new ProxyScript(text, addresses);
        byte[] out = s.script();
        if (s.at != s.words.size()) {
            throw new IllegalArgumentException("unexpected '" + s.words.get(s.at) + "' in proxy script: " + text);
        }
        return out;
    }

    private byte[] script() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (at < words.size() && !words.get(at).equals("}")) {
            String op = words.get(at++);
            switch (op) {
                case "W" -> {
                    out.write('W');
                    out.write(oneChar(next()));
                    out.write(HexFormat.fromHexDigits(next()));
                }
                case "G", "E" -> {
                    out.write(op.charAt(0));
                    out.write(oneChar(next()));
                }
                case "K", "O", "D", "R", "A", "T", "L" -> out.write(op.charAt(0));
                case "C" -> out.writeBytes(call());
                default -> throw new IllegalArgumentException("unknown proxy command '" + op + "'");
            }
        }
        return out.toByteArray();
    }

    private byte[] call() {
        String callee = next();
        String address = addresses.containsKey(callee) ? addresses.get(callee) : callee;
        String gasWord = next();
        long gas = gasWord.equals("all") ? Long.MAX_VALUE : Long.parseLong(gasWord);
        expect("{");
        byte[] payload = script();
        expect("}");
        return ByteBuffer.allocate(45 + payload.length).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'C')
                .put(HexFormat.of().parseHex(address.substring(2))).putLong(gas).putInt(payload.length).put(payload).array();
    }

    private String next() {
        if (at >= words.size()) {
            throw new IllegalArgumentException("proxy script ends too early");
        }
        return words.get(at++);
    }

    private void expect(String word) {
        if (!next().equals(word)) {
            throw new IllegalArgumentException("expected '" + word + "' in proxy script");
        }
    }

    private static int oneChar(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 1) {
            throw new IllegalArgumentException("a proxy key or topic is one character: '" + s + "'");
        }
        return b[0];
    }
}
