package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour preservation on the bundled contracts: every transaction of every filler
 * (vectors/fillers/*.json) runs on Chicory against the raw module and against the module prepared
 * under ecliptica-v1 (with unlimited gas), each with its own storage; status, output, results,
 * events and write sets must be identical, transaction by transaction.
 */
class ContractBehaviourTest {

    record Outcome(String status, String output, String results, List<String> events, String writes) {}

    /**
     * Fillers that exist to show where raw and metered execution must differ: an infinite loop
     * (never ends raw), recursion past the stack limit, memory past the page cap, NaN bits.
     */
    static final java.util.Set<String> PROFILE_DEMONSTRATIONS = java.util.Set.of("metering.json", "nan.json");

    /**
     * Regression vectors of fuzz findings (vectors/fillers/fuzz-*.json, docs/fuzz-findings/): each
     * shows a raw Chicory result that the profile corrects (docs/gas.md §15, §16), so raw and
     * metered differ there by design; all four engines agree on their filled vectors.
     */
    static boolean isFuzzRegression(Path filler) {
        return filler.getFileName().toString().startsWith("fuzz-");
    }

    /**
     * Fillers whose transactions call other contracts (docs/abi.md §6): running a callee needs the
     * harness's executor (a journal across contracts, nested instances), which this module's
     * single-contract test host does not have. Their metered runs are checked by the harness's
     * CallContractTest and by every engine agreeing on the filled vector.
     */
    static final java.util.Set<String> CROSS_CONTRACT = java.util.Set.of("bank.json", "calls.json");

    static Stream<Path> fillers() throws Exception {
        try (Stream<Path> s = Files.list(TestSupport.root().resolve("vectors/fillers"))) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !PROFILE_DEMONSTRATIONS.contains(p.getFileName().toString()))
                    .filter(p -> !isFuzzRegression(p))
                    .filter(p -> !isPrivate(p))
                    .filter(p -> !CROSS_CONTRACT.contains(p.getFileName().toString()))
                    .sorted().toList().stream();
        }
    }

    /**
     * Fillers of private chains (a "privacy" block: signed transactions, encrypted state, sealed
     * outputs) need the harness's host; they are replayed raw and metered there (verify on every
     * engine, PrivateExecutionTest), not by this module's small host.
     */
    static boolean isPrivate(Path filler) {
        try {
            return new ObjectMapper().readTree(filler.toFile()).has("privacy");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fillers")
    void instrumentedContractsBehaveLikeRawOnes(Path filler) {
        int count = TestSupport.onBigStack(() -> replay(filler));
        assertTrue(count > 0, "no transactions run");
    }

    /** Replays every transaction of the filler on both modules; returns how many ran. */
    static int replay(Path filler) throws Exception {
        return FillerTransactions.load(filler).forEach((c, tx, block) -> {
            Outcome a = run(c.raw(), tx, block, c.address(), c.rawStorage());
            Outcome b = run(c.metered(), tx, block, c.address(), c.meteredStorage());
            assertEquals(a, b, filler.getFileName() + ": " + tx);
            return true;
        });
    }

    static Outcome run(byte[] wasm, JsonNode tx, JsonNode block, byte[] self, Map<String, byte[]> storage) {
        AbiHost host = new AbiHost(hex(tx.path("input").asText("0x")), hex(tx.path("from").asText()), self,
                block.path("height").asLong(), block.path("time").asLong(), storage);
        String status;
        String results = "";
        byte[] output = new byte[0];
        try {
            Run r = Run.of(wasm, host.functions());
            List<Long> args = new ArrayList<>();
            for (JsonNode a : tx.path("args")) {
                args.add(arg(a.asText()));
            }
            long[] res = r.call(tx.path("function").asText(), args.stream().mapToLong(Long::longValue).toArray());
            results = Arrays.toString(res);
            status = "ok";
            output = host.output;
        } catch (AbiHost.Revert e) {
            status = "revert";
            output = e.message;
        } catch (AbiHost.Abort e) {
            status = "trap abort";
            output = e.message;
        } catch (AbiHost.AbiViolation e) {
            status = "trap abi_violation";
        } catch (Run.OutOfGas | Run.StackExhausted e) {
            throw new AssertionError("unlimited gas and a shallow stack must not run out", e);
        } catch (ChicoryException | StackOverflowError e) {
            status = "trap " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        if (!status.equals("ok")) {
            return new Outcome(status, HexFormat.of().formatHex(output), "", List.of(), "");
        }
        StringBuilder writes = new StringBuilder();
        host.writes.forEach((k, v) -> {
            writes.append(k).append('=').append(v == null ? "deleted" : HexFormat.of().formatHex(v)).append(';');
            if (v == null) {
                storage.remove(k);
            } else {
                storage.put(k, v);
            }
        });
        return new Outcome(status, HexFormat.of().formatHex(output), results, host.events, writes.toString());
    }

    static long arg(String s) {
        String[] p = s.split(":", 2);
        String v = p[1];
        return switch (p[0]) {
            case "i32" -> v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Integer.parseInt(v);
            case "i64" -> v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
            case "f32" -> v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Float.floatToRawIntBits(Float.parseFloat(v));
            case "f64" -> v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Double.doubleToRawLongBits(Double.parseDouble(v));
            default -> throw new IllegalArgumentException(s);
        };
    }

    static byte[] hex(String s) {
        String h = s.startsWith("0x") ? s.substring(2) : s;
        return HexFormat.of().parseHex(h);
    }
}
