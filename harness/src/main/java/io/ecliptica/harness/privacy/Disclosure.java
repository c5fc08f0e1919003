package io.ecliptica.harness.privacy;

import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionFailedException;
import io.ecliptica.harness.crypto.DecryptionKey;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.exec.Privacy;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.PrivacySpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one decryption key (docs/privacy.md §8.1) reveals of a private vector: its genesis storage,
 * and each transaction's expected writes, output and event data. State values a key covers but
 * cannot open are failures (tampering, or a wrong key of the right kind); an envelope that does not
 * open with a viewing key is simply not this key's (envelopes do not say whom they are for).
 */
public final class Disclosure {

    /** Which items to look at; empty means all. */
    public record Filter(Optional<Long> height, Optional<Integer> txIndex, Optional<Bytes> contract, Optional<Bytes> slot) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        boolean state(Bytes address, Bytes key) {
            return contract.map(address::equals).orElse(true) && slot.map(key::equals).orElse(true);
        }

        boolean tx(long h, int i) {
            return height.map(x -> x == h).orElse(true) && txIndex.map(x -> x == i).orElse(true);
        }

        boolean outputsToo() {
            return slot.isEmpty() && contract.isEmpty();
        }
    }

    /** One encrypted item: where it is, and its plaintext if the key opened it. */
    public record Item(String where, Optional<Bytes> plaintext) {
        @Override
        public String toString() {
            return "Item[" + where + (plaintext.isPresent() ? ", opened]" : ", failed]");
        }
    }

    /**
     * @param revealed items the key opened
     * @param failed   items the key covers but could not open
     * @param examined encrypted items looked at (after the filter)
     */
    public record Result(List<Item> revealed, List<Item> failed, int examined) {
    }

    private Disclosure() {
    }

    public static Result of(Vector vector, DecryptionKey key, Filter filter) {
        PrivacySpec privacy = vector.privacy().orElseThrow(() -> new IllegalArgumentException("not a private chain"));
        List<Item> revealed = new ArrayList<>();
        List<Item> failed = new ArrayList<>();
        int[] examined = {0};
        for (ContractSpec c : vector.contracts()) {
            for (Map.Entry<Bytes, Bytes> kv : c.storage().entrySet()) {
                if (filter.state(c.address(), kv.getKey())) {
                    examined[0]++;
                    state(key, c.address(), kv.getKey(), kv.getValue(),
                            "genesis " + c.name() + " key " + kv.getKey().toHex(), revealed, failed);
                }
            }
        }
        for (BlockSpec block : vector.blocks()) {
            long height = block.header().height();
            for (int i = 0; i < block.transactions().size(); i++) {
                TxSpec tx = block.transactions().get(i);
                if (tx.expect().isEmpty() || !filter.tx(height, i)) {
                    continue;
                }
                CallResult r = tx.expect().get();
                String at = "block " + height + " tx " + i;
                for (StorageWrite w : r.writes()) {
                    // a transaction with cross-contract calls writes to several contracts, each under its own key
                    if (!w.isDeletion() && filter.state(w.address(), w.key())) {
                        examined[0]++;
                        String of = w.address().equals(tx.tx().to()) ? "" : contractName(vector, w.address()) + " ";
                        state(key, w.address(), w.key(), w.value().get(), at + " write " + of + w.key().toHex(), revealed, failed);
                    }
                }
                Optional<ViewingPublicKey> recipient = privacy.byAddress(tx.tx().from()).map(PrivacySpec.Account::viewingKey);
                if (!filter.outputsToo() || recipient.isEmpty() || !Privacy.sealsOutput(r)) {
                    continue;
                }
                examined[0]++;
                envelope(key, OutputPosition.returnData(height, i), recipient.get(), r.output(), at + " output", revealed, failed);
                for (int e = 0; e < r.events().size(); e++) {
                    examined[0]++;
                    envelope(key, OutputPosition.event(height, i, e), recipient.get(), r.events().get(e).data(),
                            at + " event " + e + " (topic " + r.events().get(e).topic().toHex() + ")", revealed, failed);
                }
            }
        }
        return new Result(List.copyOf(revealed), List.copyOf(failed), examined[0]);
    }

    private static String contractName(Vector vector, Bytes address) {
        return vector.contracts().stream().filter(c -> c.address().equals(address)).map(ContractSpec::name).findFirst()
                .orElse(address.toHex());
    }

    private static void state(DecryptionKey key, Bytes address, Bytes storageKey, Bytes stored, String where,
                              List<Item> revealed, List<Item> failed) {
        try {
            key.tryDecryptState(address, storageKey, stored).ifPresent(p -> revealed.add(new Item(where, Optional.of(p))));
        } catch (DecryptionFailedException e) {
            failed.add(new Item(where, Optional.empty()));
        }
    }

    private static void envelope(DecryptionKey key, OutputPosition position, ViewingPublicKey recipient, Bytes envelope,
                                 String where, List<Item> revealed, List<Item> failed) {
        if (key instanceof ChainSecret master) {
            try {
                revealed.add(new Item(where, Optional.of(ViewerEnvelope.open(master, position, recipient, envelope))));
            } catch (DecryptionFailedException e) {
                failed.add(new Item(where, Optional.empty()));
            }
            return;
        }
        try {
            key.tryOpenEnvelope(envelope).ifPresent(p -> revealed.add(new Item(where, Optional.of(p))));
        } catch (DecryptionFailedException e) {
            // not this viewing key's envelope: indistinguishable from a modified one, and not a failure
        }
    }
}
