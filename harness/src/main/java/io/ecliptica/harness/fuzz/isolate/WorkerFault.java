package io.ecliptica.harness.fuzz.isolate;

/**
 * A worker process that gave no trace: it died ({@code CRASH}: the JVM exited, e.g. a native
 * engine's SIGSEGV or {@code Runtime.halt}) or stopped answering ({@code HANG}: past the
 * deadline, killed). Either is a finding, and the worker is restarted for the next case.
 */
public record WorkerFault(String engine, Kind kind, String detail) {
    public enum Kind {
        CRASH("crash"), HANG("hang");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
