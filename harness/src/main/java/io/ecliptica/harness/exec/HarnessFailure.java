package io.ecliptica.harness.exec;

/**
 * An engine produced no result: it overran the wall-clock guard or failed internally. Never a
 * consensus outcome, never written to a vector (docs/abi.md §4).
 */
public record HarnessFailure(Kind kind, String message) {
    public enum Kind {
        TIMEOUT("timeout"), ENGINE_ERROR("engine_error");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
