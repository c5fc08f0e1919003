package io.ecliptica.harness.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.vector.FixtureWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a chain file line by line (docs/chain-format.md): compact JSON, members in a fixed order,
 * LF line ends, UTF-8, so the same content always gives the same bytes. Callers write the header,
 * the genesis, the blocks and the end line, in that order.
 */
public final class ChainWriter implements AutoCloseable {
    /** Genesis storage entries per line: keeps lines short enough to stream. */
    static final int STORAGE_ENTRIES_PER_LINE = 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer out;

    public ChainWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    public void header(ChainHeader h) throws IOException {
        ObjectNode o = object();
        o.put("format", ChainHeader.FORMAT);
        o.put("description", h.description());
        o.put("profile", h.profile());
        o.put("costTableHash", h.costTableHash());
        o.put("abi", h.abi());
        o.put("stateRootScheme", h.stateRootScheme());
        o.put("harness", h.harness());
        h.generator().ifPresent(g -> {
            ObjectNode gen = o.putObject("generator");
            gen.put("workload", g.workload());
            gen.put("seed", g.seed());
            gen.put("blocks", g.blocks());
            gen.put("txsPerBlock", g.txsPerBlock());
            gen.put("accounts", g.accounts());
        });
        FixtureWriter.engines(o.putArray("recordedBy"), h.recordedBy());
        line("header", o);
    }

    public void contract(String name, Bytes address, byte[] code, String source) throws IOException {
        ObjectNode o = object();
        o.put("name", name);
        o.put("address", address.toHex());
        o.put("code", Bytes.of(code).toHex());
        o.put("codeHash", StateRootScheme.codeHash(code).toHex());
        if (!source.isEmpty()) {
            o.put("source", source);
        }
        line("contract", o);
    }

    /** Genesis storage of the contract at {@code address}, in key order, split into lines. */
    public void storage(Bytes address, SortedMap<Bytes, Bytes> entries) throws IOException {
        ObjectNode o = null;
        for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
            if (o == null) {
                o = object();
                o.put("address", address.toHex());
                o.putObject("entries");
            }
            ((ObjectNode) o.get("entries")).put(e.getKey().toHex(), e.getValue().toHex());
            if (o.get("entries").size() == STORAGE_ENTRIES_PER_LINE) {
                line("storage", o);
                o = null;
            }
        }
        if (o != null) {
            line("storage", o);
        }
    }

    public void genesis(Bytes stateRoot) throws IOException {
        ObjectNode o = object();
        o.put("stateRoot", stateRoot.toHex());
        line("genesis", o);
    }

    public void block(ChainBlock b) throws IOException {
        ObjectNode o = object();
        o.put("height", b.header().height());
        o.put("time", b.header().time());
        ArrayNode txs = o.putArray("transactions");
        for (int i = 0; i < b.transactions().size(); i++) {
            Transaction tx = b.transactions().get(i);
            ObjectNode t = txs.addObject();
            t.put("from", tx.from().toHex());
            t.put("to", tx.to().toHex());
            t.put("function", tx.function());
            t.put("input", tx.input().toHex());
            if (!tx.args().isEmpty()) {
                ArrayNode args = t.putArray("args");
                tx.args().forEach(a -> args.add(a.toString()));
            }
            t.put("gasLimit", tx.gasLimit());
            t.put("receipt", b.recorded().receipts().get(i).toHex());
        }
        ObjectNode expect = o.putObject("expect");
        expect.put("stateRoot", b.recorded().stateRoot().toHex());
        expect.put("receiptsRoot", b.recorded().receiptsRoot().toHex());
        expect.put("gasUsed", b.recorded().gasUsed());
        line("block", o);
    }

    public void end(long blocks, long transactions, Bytes stateRoot) throws IOException {
        ObjectNode o = object();
        o.put("blocks", blocks);
        o.put("transactions", transactions);
        o.put("stateRoot", stateRoot.toHex());
        line("end", o);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private void line(String kind, ObjectNode body) throws IOException {
        ObjectNode wrapper = object();
        wrapper.set(kind, body);
        try {
            out.write(JSON.writeValueAsString(wrapper));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
