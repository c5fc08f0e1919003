package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.DecryptionFailedException;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.ViewerEnvelope;
import io.ecliptica.harness.crypto.ViewingKey;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.state.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * features/privacy.feature: the bundled private vectors, {@code harness decrypt}, and what reports
 * of private vectors must not contain. Keys and the secrets to look for are derived here from the
 * account secrets in the fillers, never read from the harness's output.
 */
public class PrivacySteps {
    private static final String TOKEN = "private-token.json";
    private static final String TOKEN_CONTRACT = "private-token";
    private static final List<String> PRIVATE_FILLERS = List.of(TOKEN, "sealed-auction.json", "private-voting.json");

    /** Every run of this scenario (text and JSON reports), besides World's last one. */
    private final List<CliRun> runs = new ArrayList<>();
    /** The text of the vector file the scenario read. */
    private String vectorText;

    private static World world() {
        return World.get();
    }

    // --- verifying ---------------------------------------------------------------------------

    @When("I verify the bundled vectors {string}, {string} and {string}")
    public void verifyThree(String a, String b, String c) {
        run(List.of("verify", BundledVectors.file(a).toString(), BundledVectors.file(b).toString(),
                BundledVectors.file(c).toString()));
    }

    @Then("each of them is reported as PASS with every engine agreeing")
    public void eachPasses() {
        CliRun run = world().last();
        String agree = Engines.usable().size() + " engines agree";
        for (String name : PRIVATE_FILLERS) {
            assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith("PASS") && l.contains(name) && l.contains(agree)),
                    name + " is not reported as PASS with '" + agree + "'" + run.describe());
        }
    }

    @When("I verify the copy with --json too")
    public void verifyCopyTwice() {
        run(List.of("verify", "--json", world().copy.toString()));
        run(List.of("verify", world().copy.toString())); // World's last: the text report
    }

    @Then("the report's only finding is {string}")
    public void onlyFinding(String where) {
        CliRun run = world().last();
        List<String> findings = run.stdoutLines().stream()
                .filter(l -> l.contains("MISMATCH at") || l.contains("DIVERGENCE at") || l.contains("ENGINE FAILURE at")).toList();
        assertEquals(1, findings.size(), "expected one finding" + run.describe());
        assertTrue(findings.get(0).strip().startsWith(where + ":"), "expected '" + where + ": …'" + run.describe());
    }

    @Then("the report's privacy note says {string}")
    public void privacyNote(String words) {
        CliRun text = world().last();
        assertTrue(text.stdoutLines().stream().anyMatch(l -> l.strip().startsWith("privacy: ") && l.contains(words)),
                "no 'privacy:' line saying '" + words + "'" + text.describe());
        CliRun json = runs.stream().filter(r -> r.command().contains("--json")).findFirst().orElseThrow();
        JsonNode finding = Json.parse(json.stdout(), json).path("vectors").path(0).path("findings").path(0);
        assertTrue(finding.path("privacy").asText().contains(words), "the JSON finding's privacy note" + json.describe());
    }

    // --- the vector itself -------------------------------------------------------------------

    @When("I read the bundled vector {string}")
    public void readVector(String name) {
        try {
            vectorText = Files.readString(BundledVectors.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Then("its genesis value of bob's balance is 29 bytes longer than the u64 {long} and does not contain it")
    public void bobsGenesisBalance(long plaintext) {
        JsonNode fixture = Json.read(BundledVectors.file(TOKEN));
        String key = "0x62616c3a" + account(TOKEN, "bob").address().toHex().substring(2); // "bal:" || address
        String stored = fixture.path("contracts").path(TOKEN_CONTRACT).path("storage").path(key).asText();
        assertEquals(2 + 2 * (8 + 29), stored.length(), "the stored value of " + key + ": " + stored);
        assertFalse(stored.contains(u64(plaintext)), "the stored value contains the plaintext");
    }

    @Then("the vector contains none of the balances {string} as u64")
    public void vectorHasNoBalance(String values) {
        for (long v : longs(values)) {
            assertFalse(vectorText.toLowerCase(Locale.ROOT).contains(u64(v)), "the vector contains the u64 " + v);
        }
    }

    @Then("the vector contains no account secret, viewing seed or spending seed of the fillers")
    public void vectorHasNoSecret() {
        for (Map.Entry<String, String> s : secrets().entrySet()) {
            assertFalse(vectorText.toLowerCase(Locale.ROOT).contains(s.getValue()), "the vector contains " + s.getKey());
        }
    }

    // --- decrypt -----------------------------------------------------------------------------

    @When("I decrypt {string} with the viewing key of {string}")
    public void decryptWithViewingKey(String vector, String name) {
        decrypt(vector, account(vector, name).viewingKey().exportText());
    }

    @When("I decrypt {string} with the viewing key of an account secret {string}")
    public void decryptWithStranger(String vector, String secret) {
        decrypt(vector, AccountKeys.fromSecret(Bytes.fromHex(secret)).viewingKey().exportText());
    }

    /** The slot key (docs/privacy.md §3.2) of {@code "bal:" || address} in the vector's private-token contract. */
    @When("I decrypt {string} with the slot key of {word} balance")
    public void decryptWithBalanceSlot(String vector, String owner) {
        JsonNode filler = Json.read(Repo.fillers().resolve(vector));
        ChainSecret master = ChainSecret.of(Bytes.fromHex(filler.path("privacy").path("masterSecret").asText()));
        Bytes contract = Bytes.fromHex(filler.path("contracts").path(TOKEN_CONTRACT).path("address").asText());
        Bytes key = Bytes.utf8("bal:").concat(account(vector, owner.replace("'s", "")).address());
        decrypt(vector, master.contract(contract).slot(key).exportText());
    }

    @When("I decrypt {string} with the key text {string}")
    public void decryptWithText(String vector, String keyText) {
        decrypt(vector, keyText);
    }

    private void decrypt(String vector, String keyText) {
        run(List.of("decrypt", BundledVectors.file(vector).toString(), "--key", keyText));
    }

    @Then("stdout has the line {string}")
    public void stdoutHasLine(String line) {
        CliRun run = world().last();
        assertTrue(run.stdoutLines().contains(line), "no line '" + line + "'" + run.describe());
    }

    @Then("stdout has no line about {string}")
    public void stdoutHasNoLineAbout(String where) {
        CliRun run = world().last();
        assertTrue(run.stdoutLines().stream().noneMatch(l -> l.startsWith(where + ":")), "a line about " + where + run.describe());
    }

    @Then("stdout has a line starting with {string} and ending in {string}")
    public void stdoutHasLineStartingEnding(String start, String end) {
        CliRun run = world().last();
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith(start) && l.endsWith(end)),
                "no line '" + start + "…" + end + "'" + run.describe());
    }

    /** Every "where: 0x…" line holds one of the values; the summary line is the only other line. */
    @Then("every value printed is one of the balances {string} as u64")
    public void everyValueIsOneOf(String values) {
        CliRun run = world().last();
        List<String> allowed = Arrays.stream(longs(values)).mapToObj(v -> "0x" + u64(v)).toList();
        List<String> lines = run.stdoutLines();
        assertFalse(lines.isEmpty(), "nothing printed" + run.describe());
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(allowed.contains(line.substring(line.lastIndexOf(": ") + 2)), "unexpected value in '" + line + "'" + run.describe());
        }
        assertTrue(lines.get(lines.size() - 1).contains("encrypted values opened with this slot key"), run.describe());
    }

    @Then("stderr is exactly one line saying {string}")
    public void oneStderrLineSaying(String words) {
        CliRun run = world().last();
        assertEquals(1, run.stderrLines().size(), "expected one line on stderr" + run.describe());
        assertTrue(run.stderrLines().get(0).contains(words), run.describe());
    }

    @Then("stderr is exactly one line not containing {string}")
    public void oneStderrLineWithout(String text) {
        CliRun run = world().last();
        assertEquals(1, run.stderrLines().size(), "expected one line on stderr" + run.describe());
        assertFalse(run.stderr().contains(text) || run.jvmStderr().contains(text), "the key text is echoed" + run.describe());
    }

    @Then("nothing is printed on stdout")
    public void nothingOnStdout() {
        CliRun run = world().last();
        assertTrue(run.stdout().isEmpty(), "expected nothing on stdout" + run.describe());
    }

    /** The inner envelope a contract made with crypto_seal_to_caller, printed as the output's plaintext. */
    private Bytes receipt;

    @Then("the output of block {int} tx {int} is an envelope that {word} viewing key opens to SHA-256\\(u64 {long} || 32 bytes {word}) || u64 {long}")
    public void receiptOpens(int height, int tx, String owner, long amount, String saltByte, long bidHeight) throws Exception {
        CliRun run = world().last();
        String prefix = "block " + height + " tx " + tx + " output: ";
        String line = run.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "…'" + run.describe()));
        receipt = Bytes.fromHex(line.substring(prefix.length()));
        String name = owner.replace("'s", "");
        Bytes opened = ViewerEnvelope.open(account("sealed-auction.json", name).viewingKey(), receipt);
        byte[] preimage = new byte[40];
        for (int i = 0; i < 8; i++) {
            preimage[i] = (byte) (amount >>> (8 * i));
        }
        Arrays.fill(preimage, 8, 40, (byte) Integer.parseInt(saltByte.substring(2), 16));
        byte[] commitment = MessageDigest.getInstance("SHA-256").digest(preimage);
        assertEquals(Bytes.of(commitment).toHex() + u64(bidHeight), opened.toHex(), "the receipt's plaintext");
    }

    @Then("{word} viewing key does not open that envelope")
    public void receiptDoesNotOpen(String owner) {
        ViewingKey other = account("sealed-auction.json", owner.replace("'s", "")).viewingKey();
        assertThrows(DecryptionFailedException.class, () -> ViewerEnvelope.open(other, receipt));
    }

    // --- what outputs must not contain -------------------------------------------------------

    @Then("the output contains no account secret, viewing seed or spending seed of the fillers")
    public void outputHasNoSecret() {
        for (CliRun run : allRuns()) {
            String all = everything(run);
            for (Map.Entry<String, String> s : secrets().entrySet()) {
                assertFalse(all.contains(s.getValue()), run.command() + " printed " + s.getKey());
            }
        }
    }

    @Then("the output contains none of the balances {string} as u64")
    public void outputHasNoBalance(String values) {
        for (CliRun run : allRuns()) {
            String all = everything(run);
            for (long v : longs(values)) {
                assertFalse(all.contains(u64(v)), run.command() + " printed the u64 " + v + run.describe());
            }
        }
    }

    // --- a resealed expectation --------------------------------------------------------------

    /**
     * Replaces the expected output envelope by one sealed, exactly as the host seals return data
     * (docs/privacy.md §5, §10.4), to the sender at the same position, but over another plaintext:
     * it opens, so only the plaintexts can tell it from the engines' envelope.
     */
    @Given("in the copy, the output of block {int} tx {int} is resealed to bob at its position with the plaintext {long}")
    public void reseal(int block, int tx, long plaintext) {
        JsonNode root = Json.read(world().copy);
        ChainSecret master = ChainSecret.of(Bytes.fromHex(root.path("privacy").path("masterSecret").asText()));
        ViewingPublicKey bob = new ViewingPublicKey(Bytes.fromHex(root.path("privacy").path("accounts").path("bob")
                .path("viewingKey").asText()));
        JsonNode b = root.path("blocks").path(block);
        ObjectNode expect = (ObjectNode) b.path("transactions").path(tx).path("expect");
        long height = b.path("height").asLong();
        Bytes envelope = ViewerEnvelope.seal(master, OutputPosition.returnData(height, tx), bob, Bytes.fromHex("0x" + u64(plaintext)));
        world().originalValue = expect.path("output").asText();
        world().tamperedValue = envelope.toHex();
        world().tamperedField = "output";
        world().tamperedBlock = block;
        world().tamperedTx = tx;
        world().tamperedHeight = height;
        expect.set("output", TextNode.valueOf(envelope.toHex()));
        Json.write(world().copy, root);
    }

    // --- helpers -----------------------------------------------------------------------------

    private void run(List<String> args) {
        CliRun run = Harness.run(args);
        runs.add(run);
        world().last = run;
    }

    private List<CliRun> allRuns() {
        List<CliRun> all = new ArrayList<>(runs);
        if (!all.contains(world().last())) {
            all.add(world().last());
        }
        return all;
    }

    private static String everything(CliRun run) {
        return (run.stdout() + run.stderr() + run.jvmStderr()).toLowerCase(Locale.ROOT);
    }

    /** An account of a private filler, from its account secret. */
    private static AccountKeys account(String filler, String name) {
        JsonNode f = Json.read(Repo.fillers().resolve(filler));
        String secret = f.path("privacy").path("accounts").path(name).path("secret").asText();
        assertTrue(secret.startsWith("0x"), "no account " + name + " in the filler " + filler);
        return AccountKeys.fromSecret(Bytes.fromHex(secret));
    }

    /** Every account secret of the private fillers and the seeds derived from it, as lower-case hex without 0x. */
    private static Map<String, String> secrets() {
        Map<String, String> out = new TreeMap<>();
        for (String filler : PRIVATE_FILLERS) {
            JsonNode accounts = Json.read(Repo.fillers().resolve(filler)).path("privacy").path("accounts");
            for (Iterator<String> names = accounts.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String secret = accounts.path(name).path("secret").asText();
                AccountKeys keys = AccountKeys.fromSecret(Bytes.fromHex(secret));
                out.put(filler + " " + name + " account secret", secret.substring(2).toLowerCase(Locale.ROOT));
                out.put(filler + " " + name + " viewing seed", keys.viewingKey().seed().toHex().substring(2));
                out.put(filler + " " + name + " spending seed", keys.spendingKey().seed().toHex().substring(2));
            }
        }
        return out;
    }

    private static long[] longs(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).mapToLong(Long::parseUnsignedLong).toArray();
    }

    /** The u64's 8 little-endian bytes as lower-case hex, as the contracts store and return it. */
    private static String u64(long v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format(Locale.ROOT, "%02x", (v >>> (8 * i)) & 0xff));
        }
        return s.toString();
    }
}
