package io.ecliptica.instrument;

/**
 * The feature names of {@link ModuleRejectedException#feature()} (docs/gas.md §Feature gate).
 * Stable strings: they appear in compared outcomes ({@code "invalid: simd at offset 42: ..."}).
 */
public final class Features {
    private Features() {}

    /** The bytes are not a WebAssembly 2.0 binary module (a decoding error). */
    public static final String MALFORMED = "malformed";
    /** The module decodes but does not validate (a type or index error). */
    public static final String INVALID = "invalid";

    public static final String SIMD = "simd";
    public static final String THREADS = "threads";
    public static final String REFERENCE_TYPES = "reference-types";
    public static final String MULTI_MEMORY = "multi-memory";
    public static final String TAIL_CALL = "tail-call";
    public static final String EXCEPTIONS = "exceptions";
    public static final String GC = "gc";
    public static final String MEMORY64 = "memory64";
    /** Float instructions or float types (profiles that deny floats). */
    public static final String FLOATS = "floats";
    /** Bulk memory instructions or passive segments (profiles that deny bulk memory). */
    public static final String BULK_MEMORY = "bulk-memory";

    /** An import the profile does not allow (other module, unknown name, wrong signature, non-function). */
    public static final String IMPORT = "import";
    /** An import from a WASI module ({@code wasi_snapshot_preview1}, {@code wasi_unstable}, {@code wasi:*}). */
    public static final String WASI = "wasi";
    /** An export whose name starts with the reserved prefix {@code __ecliptica}. */
    public static final String RESERVED_EXPORT = "reserved-export";
    /** A host import placed in a table (it could be called without its per-byte charge). */
    public static final String HOST_FUNCTION_IN_TABLE = "host-function-in-table";
    /** A module without a memory, where the profile requires exactly one. */
    public static final String MEMORY_REQUIRED = "memory-required";

    public static final String LIMIT_MEMORY_PAGES = "limit:memory-pages";
    public static final String LIMIT_TABLE_SIZE = "limit:table-size";
    public static final String LIMIT_FUNCTIONS = "limit:functions";
    public static final String LIMIT_LOCALS = "limit:locals";
    public static final String LIMIT_GLOBALS = "limit:globals";
    public static final String LIMIT_EXPORTS = "limit:exports";
    public static final String LIMIT_IMPORTS = "limit:imports";
    public static final String LIMIT_PARAMS = "limit:params";
    public static final String LIMIT_RESULTS = "limit:results";
    public static final String LIMIT_TOTAL_PARAMS = "limit:total-params";
}
