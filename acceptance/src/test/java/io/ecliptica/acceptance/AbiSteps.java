package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills scenario-written fillers for the bundled contracts and checks the filled vector's expected
 * results against docs/abi.md. Expected values come from the feature text (the contracts' documented
 * behaviour), never from a run.
 */
public class AbiSteps {
    /** This scenario's state; looked up on every use, never cached across scenarios. */
    private static World world() {
        return World.get();
    }

    /** A byte string in {@link ByteSpec} notation, to the end of the step: {@code "text"}, {@code 0x01}, {@code u64:2}, ... */
    @ParameterType(name = "bytes", value = "(?:\"[^\"]*\"|[^\\s\"]+)(?: +(?:\"[^\"]*\"|[^\\s\"]+))*")
    public String bytes(String spec) {
        return spec;
    }

    @Given("a filler for the bundled contract {string} with these transactions:")
    public void filler(String contract, List<Map<String, String>> rows) {
        world().filler = new AbiFiller(contract);
        for (Map<String, String> row : rows) {
            world().filler.transactions.add(new AbiFiller.Tx(row.get("function"), ByteSpec.bytes(row.get("input"))));
        }
    }

    @Given("the contract's storage initially holds:")
    public void storage(List<Map<String, String>> rows) {
        for (Map<String, String> row : rows) {
            world().filler.storage.put(ByteSpec.hex(row.get("key")), ByteSpec.hex(row.get("value")));
        }
    }

    @When("I fill it")
    public void fill() {
        Path filler = world().filler.write(world().scratch(), world().filler.contract + "-scenario");
        Path out = world().scratch().resolve("filled");
        world().last = Harness.run(List.of("fill", "--out", out.toString(), filler.toString()));
        Path fixture = out.resolve(filler.getFileName());
        world().fixture = Files.isRegularFile(fixture) ? Json.read(fixture) : null;
    }

    @Then("every transaction has a filled result")
    public void filled() {
        CliRun run = world().last();
        assertEquals(0, run.exitCode(), "fill did not succeed (all engines must agree)" + run.describe());
        assertTrue(world().fixture != null, "fill wrote no fixture" + run.describe());
        assertEquals(world().filler.transactions.size(), transactions().size(), "transactions in the filled vector");
        for (int i = 0; i < transactions().size(); i++) {
            assertTrue(expect(i).isObject(), "tx " + i + " has no expected result");
        }
    }

    @Then("tx {int} has status {string}, class {string} and output {bytes}")
    public void statusClassOutput(int tx, String status, String cls, String output) {
        JsonNode e = expect(tx);
        assertEquals(status, e.path("status").asText(), "status of tx " + tx + describe(tx));
        assertEquals(cls, e.path("class").asText(), "class of tx " + tx + describe(tx));
        assertEquals(ByteSpec.hex(output), e.path("output").asText(), "output of tx " + tx + " (" + output + ")" + describe(tx));
    }

    @Then("tx {int} has no events and no writes")
    public void noEventsNoWrites(int tx) {
        JsonNode e = expect(tx);
        assertEquals(0, e.path("events").size(), "events of tx " + tx + describe(tx));
        assertEquals(0, e.path("writes").size(), "writes of tx " + tx + describe(tx));
        assertTrue(e.path("events").isArray() && e.path("writes").isArray(), "events and writes must be arrays" + describe(tx));
    }

    @Then("tx {int} emits no events")
    public void noEvents(int tx) {
        assertTrue(expect(tx).path("events").isArray(), "no events array" + describe(tx));
        assertEquals(0, expect(tx).path("events").size(), "events of tx " + tx + describe(tx));
    }

    /** Keys and values in the table's byte notation; {@code (deleted)} is a removal ({@code "value": null}). */
    @Then("tx {int} writes:")
    public void writes(int tx, List<Map<String, String>> rows) {
        List<String> expected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String value = row.get("value");
            expected.add(ByteSpec.hex(row.get("key")) + " = " + ("(deleted)".equals(value) ? "null" : ByteSpec.hex(value)));
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode w : expect(tx).path("writes")) {
            JsonNode value = w.get("value");
            assertTrue(value != null, "a write without a 'value' member (a deletion is \"value\": null)" + describe(tx));
            actual.add(w.path("key").asText() + " = " + (value.isNull() ? "null" : value.asText()));
        }
        assertEquals(expected, actual, "the write set of tx " + tx + ", in order" + describe(tx));
    }

    @Then("tx {int} emits, in this order:")
    public void emits(int tx, List<Map<String, String>> rows) {
        List<String> expected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            expected.add(ByteSpec.hex(row.get("topic")) + " / " + ByteSpec.hex(row.get("data")));
        }
        assertEquals(expected, events(tx), "the events of tx " + tx + ", in order" + describe(tx));
    }

    @Then("tx {int} emits a {string} event for the frames {int}, {int}, {int}, in this order, each with data u32 k and u64 h\\(k)")
    public void recursionEvents(int tx, String topic, int k1, int k2, int k3) {
        List<String> expected = new ArrayList<>();
        for (int k : List.of(k1, k2, k3)) {
            expected.add(ByteSpec.hex("\"" + topic + "\"") + " / " + ByteSpec.hex("u32:" + k + " u64:h(" + k + ")"));
        }
        assertEquals(expected, events(tx), "the events of tx " + tx + ", in emission order" + describe(tx));
    }

    @Then("tx {int} leaves the state root unchanged")
    public void rootUnchanged(int tx) {
        assertEquals(rootBefore(tx), expect(tx).path("stateRoot").asText(),
                "the state root after tx " + tx + " must equal the one before it" + describe(tx));
    }

    @Then("tx {int} changes the state root")
    public void rootChanged(int tx) {
        assertNotEquals(rootBefore(tx), expect(tx).path("stateRoot").asText(),
                "the state root after tx " + tx + " must differ from the one before it" + describe(tx));
    }

    private List<String> events(int tx) {
        List<String> actual = new ArrayList<>();
        for (JsonNode ev : expect(tx).path("events")) {
            actual.add(ev.path("topic").asText() + " / " + ev.path("data").asText());
        }
        return actual;
    }

    /** The root before {@code tx}: the previous transaction's, or the vector's pre-state root. */
    private String rootBefore(int tx) {
        String root = tx == 0 ? world().fixture.path("preStateRoot").asText() : expect(tx - 1).path("stateRoot").asText();
        assertTrue(root.matches("0x[0-9a-f]{64}"), "no 32-byte state root before tx " + tx + describe(tx));
        return root;
    }

    private JsonNode transactions() {
        assertTrue(world().fixture != null, "there is no filled vector" + world().last().describe());
        JsonNode txs = world().fixture.path("blocks").path(0).path("transactions");
        assertTrue(txs.isArray(), "no blocks[0].transactions in the filled vector");
        return txs;
    }

    private JsonNode expect(int tx) {
        JsonNode e = transactions().path(tx).path("expect");
        assertFalse(e.isMissingNode(), "no blocks[0].transactions[" + tx + "].expect in the filled vector");
        return e;
    }

    private String describe(int tx) {
        return "\nfilled result of tx " + tx + " (" + world().filler.transactions.get(tx).function() + "): " + expect(tx).toPrettyString();
    }
}
