package io.ecliptica.harness.fuzz.campaign;

/**
 * Shard {@code index} of {@code count}: the case indices {@code index, index + count,
 * index + 2*count, ...}. Two shards of one campaign never share a case.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= i < n");
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("shard '" + text + "' is not of the form i/n (e.g. 0/4)");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + text + "' is not of the form i/n (e.g. 0/4)");
        }
    }

    /** The {@code k}-th case index of this shard. */
    public long caseIndex(long k) {
        return index + k * count;
    }

    public boolean owns(long caseIndex) {
        return Math.floorMod(caseIndex, (long) count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
