package io.ecliptica.harness.vector;

import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.Sha256;
import io.ecliptica.harness.state.Bytes;
import java.util.Optional;

/**
 * Byte templates of a private filler (docs/vector-format.md §Byte templates): bytes that depend on
 * the accounts' keys, which the filler's author cannot write as hex because they derive from the
 * account secrets. A template is items joined by {@code ||}:
 *
 * <pre>
 * template := item ( "||" item )*
 * item     := 0x&lt;hex&gt; | address(NAME) | spendingKey(NAME) | sha256(template) | sign(NAME, template)
 * </pre>
 *
 * {@code sign} is NAME's deterministic ML-DSA-65 signature (empty context, docs/privacy.md §6.1) of
 * the inner template's bytes; it does not nest. {@code sha256} is for commitments. Spaces are allowed between tokens and nowhere else.
 * The reader resolves templates once, so a fixture only ever holds the resulting hex.
 */
final class ByteTemplate {
    private final String text;
    private final PrivacySpec privacy;
    private int pos;

    private ByteTemplate(String text, PrivacySpec privacy) {
        this.text = text;
        this.privacy = privacy;
    }

    /**
     * The bytes of {@code text}; an {@link IllegalArgumentException} says what is wrong and where
     * (a template holds no secret, so its text may be quoted).
     */
    static Bytes resolve(String text, PrivacySpec privacy) {
        ByteTemplate t = new ByteTemplate(text, privacy);
        Bytes b = t.template(false);
        t.spaces();
        if (t.pos != text.length()) {
            throw t.error("expected '||' or the end of the template");
        }
        return b;
    }

    /** Whether {@code text} is a plain hex string (then it is read as hex, with hex's own error messages). */
    static boolean isPlainHex(String text) {
        return text.startsWith("0x") && text.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private Bytes template(boolean insideSign) {
        Bytes out = item(insideSign);
        while (true) {
            int mark = pos;
            spaces();
            if (!text.startsWith("||", pos)) {
                pos = mark;
                return out;
            }
            pos += 2;
            spaces();
            out = out.concat(item(insideSign));
        }
    }

    private Bytes item(boolean insideSign) {
        if (text.startsWith("0x", pos)) {
            int start = pos + 2;
            int end = start;
            while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            if ((end - start) % 2 != 0) {
                throw error("odd number of hex digits");
            }
            pos = end;
            return Bytes.fromHex(text.substring(start - 2, end));
        }
        String function = word();
        switch (function) {
            case "address", "spendingKey" -> {
                expect('(');
                AccountKeys keys = account();
                expect(')');
                return function.equals("address") ? keys.address() : keys.spendingKey().publicKey().encoded();
            }
            case "sha256" -> {
                expect('(');
                spaces();
                Bytes data = template(insideSign);
                expect(')');
                return Sha256.digest(data);
            }
            case "sign" -> {
                if (insideSign) {
                    throw error("sign(...) does not nest");
                }
                expect('(');
                AccountKeys keys = account();
                expect(',');
                spaces();
                Bytes message = template(true);
                expect(')');
                return keys.spendingKey().sign(message);
            }
            default -> throw error(function.isEmpty()
                    ? "expected 0x<hex>, address(NAME), spendingKey(NAME), sha256(...) or sign(NAME, ...)"
                    : "unknown function '" + function + "' (expected address, spendingKey, sha256 or sign)");
        }
    }

    private AccountKeys account() {
        spaces();
        String name = word();
        if (name.isEmpty()) {
            throw error("expected an account name");
        }
        Optional<PrivacySpec.Account> a = privacy.byName(name);
        if (a.isEmpty()) {
            throw error("'" + name + "' is not an account of the privacy block");
        }
        return a.get().keys().orElseThrow(() -> error("'" + name + "' has no keys here (templates are for fillers)"));
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && nameChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean nameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private void expect(char c) {
        spaces();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void spaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return new IllegalArgumentException("template \"" + shown + "\" at position " + pos + ": " + message);
    }
}
