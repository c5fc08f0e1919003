package io.ecliptica.harness.runner;

/**
 * Where in a vector something was found: block index and height, transaction index ({@code -1} for
 * a block-level field), and the field. {@code block == -1} means the pre-state.
 */
public record Location(int block, long height, int tx, String field) {
    public static Location preState(String field) {
        return new Location(-1, 0, -1, field);
    }

    @Override
    public String toString() {
        if (block < 0) {
            return "pre-state, field " + field;
        }
        String where = "block " + block + " (height " + height + ")";
        return tx < 0 ? where + ", field " + field : where + ", tx " + tx + ", field " + field;
    }
}
