package io.ecliptica.harness.privacy;

import io.ecliptica.harness.crypto.DecryptionFailedException;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.exec.Privacy;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.PrivacySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * On a private chain, results that differ in an encrypted field (output, events, writes) are
 * opened with the chain's keys to say whether the plaintexts differ too (the engines computed
 * different values) or only the ciphertexts (the host's cryptography differs: a nonce, a position,
 * a key). The note names no plaintext: reports stay free of secrets (docs/privacy.md §8.2).
 */
public final class PlaintextComparison {

    private PlaintextComparison() {
    }

    /**
     * @param results each side's result (engines, and the expected one if any), in report order
     * @param names   the name of each side, same order
     */
    public static Optional<String> note(PrivacySpec privacy, long height, int txIndex, Transaction tx, CallResult.Field field,
                                        List<CallResult> results, List<String> names) {
        if (field != CallResult.Field.OUTPUT && field != CallResult.Field.EVENTS && field != CallResult.Field.WRITES) {
            return Optional.empty();
        }
        Optional<ViewingPublicKey> recipient = privacy.byAddress(tx.from()).map(PrivacySpec.Account::viewingKey);
        Set<String> plaintexts = new LinkedHashSet<>();
        List<String> unopened = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            try {
                plaintexts.add(plaintext(privacy, height, txIndex, tx, field, results.get(i), recipient));
            } catch (DecryptionFailedException | IllegalArgumentException e) {
                unopened.add(names.get(i));
            }
        }
        if (!unopened.isEmpty()) {
            return Optional.of("the ciphertext of " + String.join(", ", unopened) + " does not open with the chain's keys "
                    + "at this position: the host's cryptography differs, not (only) the engine");
        }
        return Optional.of(plaintexts.size() == 1
                ? "plaintexts agree; only the ciphertexts differ: the host's cryptography diverged, not the engines"
                : "the plaintexts differ too: the engines computed different values");
    }

    /** A canonical rendering of the field's plaintext (never printed: compared only). */
    private static String plaintext(PrivacySpec privacy, long height, int txIndex, Transaction tx, CallResult.Field field,
                                    CallResult r, Optional<ViewingPublicKey> recipient) {
        return switch (field) {
            case OUTPUT -> r.output().isEmpty() || !Privacy.sealsOutput(r) ? r.output().toHex()
                    : open(privacy, OutputPosition.returnData(height, txIndex), recipient, r.output()).toHex();
            case EVENTS -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < r.events().size(); i++) {
                    Event e = r.events().get(i);
                    s.append(e.topic().toHex()).append('=')
                            .append(open(privacy, OutputPosition.event(height, txIndex, i), recipient, e.data()).toHex()).append(';');
                }
                yield s.toString();
            }
            case WRITES -> {
                StringBuilder s = new StringBuilder();
                for (StorageWrite w : r.writes()) {
                    s.append(w.address().toHex()).append(':').append(w.key().toHex()).append('=').append(w.value()
                            .map(v -> privacy.master().contract(w.address()).decrypt(w.key(), v).toHex()).orElse("deleted"))
                            .append(';');
                }
                yield s.toString();
            }
            default -> throw new IllegalArgumentException(field.id());
        };
    }

    private static Bytes open(PrivacySpec privacy, OutputPosition at, Optional<ViewingPublicKey> recipient, Bytes envelope) {
        return ViewerEnvelope.open(privacy.master(), at, recipient.orElseThrow(() -> new IllegalArgumentException("no viewer")),
                envelope);
    }
}
