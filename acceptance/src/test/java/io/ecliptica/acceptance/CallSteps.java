package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cross-contract calls (docs/abi.md §6) with three instances of the bundled proxy contract, named
 * in the feature; transactions are proxy scripts ({@link ProxyScript}). The fill and the status
 * and output checks are {@link AbiSteps}'.
 */
public class CallSteps {
    private static World world() {
        return World.get();
    }

    @Given("the proxy contract deployed as {string}, {string} and {string}, and these scripts sent to {string}:")
    public void proxies(String a, String b, String c, String target, List<Map<String, String>> rows) {
        AbiFiller filler = new AbiFiller("proxy");
        int n = 1;
        for (String name : List.of(a, b, c)) {
            filler.instances.put(name, "0x" + "00".repeat(28) + "acce00a" + n++);
        }
        for (Map<String, String> row : rows) {
            filler.transactions.add(new AbiFiller.Tx("run", ProxyScript.compile(row.get("script"), filler.instances), target));
        }
        world().filler = filler;
    }

    /** Writes as {@code contract | key | value}: the contract's name, a one-character key, a hex value. */
    @Then("tx {int} writes, by contract:")
    public void writes(int tx, List<Map<String, String>> rows) {
        List<String> expected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            expected.add(address(row.get("contract")) + " " + ByteSpec.hex("\"" + row.get("key") + "\"") + " = " + row.get("value"));
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode w : expect(tx).path("writes")) {
            actual.add(w.path("address").asText() + " " + w.path("key").asText() + " = " + w.path("value").asText());
        }
        assertEquals(expected, actual, "the write set of tx " + tx + ", ordered by address then key");
    }

    @Then("tx {int} emits, by contract, in this order:")
    public void events(int tx, List<Map<String, String>> rows) {
        List<String> expected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            expected.add(address(row.get("contract")) + " " + ByteSpec.hex("\"" + row.get("topic") + "\""));
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode e : expect(tx).path("events")) {
            actual.add(e.path("emitter").asText() + " " + e.path("topic").asText());
        }
        assertEquals(expected, actual, "the events of tx " + tx);
    }

    @Then("tx {int} used exactly {long} gas more than tx {int}")
    public void gasDifference(int tx, long more, int other) {
        assertEquals(more, expect(tx).path("gasUsed").asLong() - expect(other).path("gasUsed").asLong(),
                "gasUsed of tx " + tx + " minus gasUsed of tx " + other);
    }

    @Then("tx {int} used its whole gas limit")
    public void wholeLimit(int tx) {
        assertEquals(expect(tx).path("gasUsed").asLong(),
                world().fixture.path("blocks").path(0).path("transactions").path(tx).path("gasLimit").asLong());
    }

    private static String address(String name) {
        String address = world().filler.instances.get(name);
        if (address == null) {
            throw new IllegalArgumentException("no contract named " + name + " in this scenario");
        }
        return address;
    }

    private static JsonNode expect(int tx) {
        return world().fixture.path("blocks").path(0).path("transactions").path(tx).path("expect");
    }
}
