package io.ecliptica.harness.fuzz.triage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The findings directory (docs/fuzzing.md, "Output directory"), written as the campaign goes so a
 * killed campaign leaves every finding on disk: each case is saved before it runs
 * ({@code inflight/}), each occurrence of a bug is saved before anything else happens to it
 * ({@code findings/ID/cases/INDEX/}), and {@code findings/ID/bug.json} is rewritten atomically
 * with the count after every occurrence.
 */
public final class FindingStore {
    /** Occurrences saved per bug; the count goes on beyond it. */
    static final int SAVED_CASES = 20;

    private final Path root;
    private final KnownFindings known;
    private final Map<String, Bug> bugs = new LinkedHashMap<>();

    public FindingStore(Path root) {
        this(root, KnownFindings.none());
    }

    /** @param known the registry that says which signatures are known bugs */
    public FindingStore(Path root, KnownFindings known) {
        this.root = root;
        this.known = known;
    }

    /** One distinct bug: its signature, how often it was seen, where first, and its smallest reproducer. */
    public static final class Bug {
        private final Signature signature;
        private final long firstIndex;
        private final String firstOrigin;
        private final Optional<KnownFinding> known;
        private final List<Long> indices = new ArrayList<>();
        private long count;
        private Optional<Reproduction> reproducer = Optional.empty();

        Bug(Signature signature, long firstIndex, String firstOrigin, Optional<KnownFinding> known) {
            this.signature = signature;
            this.firstIndex = firstIndex;
            this.firstOrigin = firstOrigin;
            this.known = known;
        }

        public Signature signature() {
            return signature;
        }

        public long count() {
            return count;
        }

        public long firstIndex() {
            return firstIndex;
        }

        public String firstOrigin() {
            return firstOrigin;
        }

        public Optional<Reproduction> reproducer() {
            return reproducer;
        }

        /** The registry entry that covers this bug's signature, if it is a known one. */
        public Optional<KnownFinding> known() {
            return known;
        }
    }

    /** A written reproducer: where, from which case, and its size. */
    public record Reproduction(Path dir, long caseIndex, int transactions, int codeBytes, boolean fixture, int tests) {
        /** Smaller is better: fewer transactions first, then less code. */
        public static final Comparator<Reproduction> SIZE = Comparator.comparingInt(Reproduction::transactions)
                .thenComparingInt(Reproduction::codeBytes);
    }

    public Path root() {
        return root;
    }

    public Path inflight(int shard) {
        return root.resolve("inflight").resolve("shard-" + shard);
    }

    /** Saves the case about to run; a campaign killed while it runs leaves it here. */
    public void saveInflight(int shard, FuzzCase c) throws IOException {
        CaseFiles.save(c.vector(), inflight(shard));
    }

    public Path bugDir(Signature s) {
        return root.resolve("findings").resolve(s.id());
    }

    /**
     * Records one occurrence: saves the case (the first {@value #SAVED_CASES} of each bug) and the
     * bug file, both before returning.
     *
     * @return the bug, and whether this occurrence made it new
     */
    public Bug record(Signature s, FuzzCase c) throws IOException {
        Bug bug = bugs.computeIfAbsent(s.id(), id -> new Bug(s, c.index(), c.origin(), known.find(s)));
        bug.count++;
        if (bug.indices.size() < SAVED_CASES) {
            bug.indices.add(c.index());
            CaseFiles.save(c.vector(), bugDir(s).resolve("cases").resolve(Long.toString(c.index())));
        }
        writeBug(bug);
        return bug;
    }

    public void reproduced(Bug bug, Reproduction r) throws IOException {
        if (bug.reproducer.isEmpty() || Reproduction.SIZE.compare(r, bug.reproducer.get()) < 0) {
            bug.reproducer = Optional.of(r);
        }
        writeBug(bug);
    }

    /** Whether a case of this size could give a smaller reproducer than the bug has. */
    public static boolean couldImprove(Bug bug, Vector v) {
        return bug.reproducer.isEmpty() || v.transactionCount() < bug.reproducer.get().transactions();
    }

    /** The bugs in a fixed order: by the index of the first case that found each, then id. */
    public List<Bug> bugs() {
        List<Bug> all = new ArrayList<>(bugs.values());
        all.sort(Comparator.comparingLong(Bug::firstIndex).thenComparing(b -> b.signature.id()));
        return all;
    }

    public long occurrences() {
        return bugs.values().stream().mapToLong(Bug::count).sum();
    }

    /** The bugs whose signature no registry entry covers, in {@link #bugs()} order: these fail a campaign. */
    public List<Bug> newBugs() {
        return bugs().stream().filter(b -> b.known.isEmpty()).toList();
    }

    public KnownFindings registry() {
        return known;
    }

    private void writeBug(Bug bug) throws IOException {
        AtomicFiles.write(bugDir(bug.signature).resolve("bug.json"), CanonicalJson.toBytes(json(bug)));
    }

    /** The JSON of one bug, as in bug.json and in the summary's {@code bugs}. */
    public ObjectNode json(Bug bug) {
        ObjectNode o = CanonicalJson.object();
        Signature s = bug.signature;
        o.put("id", s.id());
        o.put("signature", s.text());
        o.put("field", s.field());
        ArrayNode sides = o.putArray("sides");
        for (List<String> side : s.sides()) {
            ArrayNode a = sides.addArray();
            side.forEach(a::add);
        }
        ArrayNode outcomes = o.putArray("outcomes");
        s.outcomes().forEach(outcomes::add);
        o.put("hostCall", s.hostCall());
        if (bug.known.isPresent()) {
            KnownFinding k = bug.known.get();
            ObjectNode ko = o.putObject("known");
            ko.put("name", k.name());
            ko.put("reason", k.reason());
            ko.put("reference", k.reference());
            ko.put("reproducer", k.reproducer());
        } else {
            o.putNull("known");
        }
        o.put("count", bug.count);
        o.put("firstCase", bug.firstIndex);
        o.put("firstOrigin", bug.firstOrigin);
        ArrayNode saved = o.putArray("savedCases");
        bug.indices.forEach(saved::add);
        if (bug.reproducer.isPresent()) {
            Reproduction r = bug.reproducer.get();
            ObjectNode ro = o.putObject("reproducer");
            ro.put("dir", root.relativize(r.dir()).toString().replace('\\', '/'));
            ro.put("fromCase", r.caseIndex());
            ro.put("transactions", r.transactions());
            ro.put("codeBytes", r.codeBytes());
            ro.put("fixture", r.fixture());
            ro.put("minimizerRuns", r.tests());
        } else {
            o.putNull("reproducer");
        }
        return o;
    }
}
