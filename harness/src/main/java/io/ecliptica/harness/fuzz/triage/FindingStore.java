package io.ecliptica.harness.fuzz.triage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Files;
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

        Reproduction at(Path other) {
            return new Reproduction(other, caseIndex, transactions, codeBytes, fixture, tests);
        }
    }

    /** Writes a reproducer's files into a folder and describes them. */
    @FunctionalInterface
    public interface ReproducerWriter {
        /** @param dir an empty folder, not yet the bug's reproducer; the result names it */
        Reproduction write(Path dir) throws IOException;
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

    /**
     * Writes a reproducer from case {@code caseIndex} and makes it the bug's if it is smaller than
     * the current one, which then goes whole. Each reproducer has its own folder
     * {@code findings/ID/repro-INDEX/}, and {@code bug.json} names the current one, so a process
     * that dies at any step leaves {@code bug.json} naming a complete reproducer:
     * <ol>
     *   <li>the files are written into {@code .repro-INDEX.part/} (each one whole and forced);</li>
     *   <li>that folder is renamed to {@code repro-INDEX/} (atomic; a part folder is never named);</li>
     *   <li>{@code bug.json} is rewritten to name it (atomic: the commit point);</li>
     *   <li>the old folder is deleted, now that nothing names it.</li>
     * </ol>
     * A reproducer that is not smaller is deleted instead. A write that fails leaves the old
     * reproducer as it was and removes the partial folder.
     */
    public void reproduce(Bug bug, long caseIndex, ReproducerWriter writer) throws IOException {
        Path bugDir = bugDir(bug.signature);
        Path part = bugDir.resolve(".repro-" + caseIndex + ".part");
        Path dir = bugDir.resolve(REPRODUCER_PREFIX + caseIndex);
        // a case index runs once per campaign: anything under these names is debris of an earlier run into OUT
        AtomicFiles.deleteTree(part);
        AtomicFiles.deleteTree(dir);
        Files.createDirectories(part);
        Reproduction r;
        try {
            r = writer.write(part).at(dir);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(part);
            throw e;
        }
        AtomicFiles.moveDirectory(part, dir);
        Optional<Reproduction> old = bug.reproducer;
        if (old.isPresent() && Reproduction.SIZE.compare(r, old.get()) >= 0) {
            AtomicFiles.deleteTree(dir);
            return;
        }
        bug.reproducer = Optional.of(r);
        writeBug(bug);
        if (old.isPresent()) {
            AtomicFiles.deleteTree(old.get().dir());
        }
    }

    /** Reproducer folders are named this plus the index of the case they were minimized from. */
    public static final String REPRODUCER_PREFIX = "repro-";

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
