package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Locale;
import java.util.Optional;

/**
 * A key a user can hand to {@code bin/harness decrypt} ({@code docs/privacy.md} §8), from widest to
 * narrowest:
 *
 * <pre>
 * master:HEX32                         ChainSecret   every contract's state
 * contract:ADDRESS:HEX32               StateCipher   one contract's state
 * slot:ADDRESS:STORAGE_KEY:HEX32       SlotKey       one storage key of one contract
 * viewing:HEX64                        ViewingKey    envelopes sealed to that viewing key
 * </pre>
 *
 * HEXn is n bytes in hex ({@code 0x} optional), ADDRESS 32 bytes, STORAGE_KEY any length
 * ({@code 0x} for the empty key). Parsing errors never repeat the text (it may hold a key).
 */
public sealed interface DecryptionKey permits ChainSecret, StateCipher, SlotKey, ViewingKey {

    /**
     * The plaintext of {@code stored}, the value of {@code storageKey} in the contract at
     * {@code address}; empty if this key does not cover that slot.
     *
     * @throws DecryptionFailedException if it covers the slot but the value does not open
     */
    default Optional<Bytes> tryDecryptState(Bytes address, Bytes storageKey, Bytes stored) {
        return Optional.empty();
    }

    /**
     * The payload of an envelope; empty if this kind of key does not open envelopes.
     *
     * @throws DecryptionFailedException if this is a viewing key but not the envelope's
     */
    default Optional<Bytes> tryOpenEnvelope(Bytes envelope) {
        return Optional.empty();
    }

    /** The key's text form: secret; print it only when the user asked to export the key. */
    String exportText();

    /** Parses the text form. */
    static DecryptionKey parse(String text) {
        String[] parts = text.trim().split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        String usage = "a key must be master:HEX, contract:ADDRESS:HEX, slot:ADDRESS:STORAGE_KEY:HEX or viewing:HEX";
        return switch (kind) {
            case "master" -> {
                require(parts.length == 2, usage);
                yield ChainSecret.of(hex(parts[1], 32, "master key"));
            }
            case "contract" -> {
                require(parts.length == 3, usage);
                yield StateCipher.fromContractKey(hex(parts[1], 32, "contract address"), hex(parts[2], 32, "contract key"));
            }
            case "slot" -> {
                require(parts.length == 4, usage);
                yield SlotKey.of(hex(parts[1], 32, "contract address"), hex(parts[2], -1, "storage key"),
                        hex(parts[3], 32, "slot key"));
            }
            case "viewing" -> {
                require(parts.length == 2, usage);
                yield ViewingKey.fromSeed(hex(parts[1], 64, "viewing seed"));
            }
            default -> throw new IllegalArgumentException(usage);
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Bytes hex(String text, int length, String what) {
        Bytes b;
        try {
            b = Bytes.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hex");
        }
        if (length >= 0 && b.length() != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length());
        }
        return b;
    }
}
