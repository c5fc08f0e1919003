package io.ecliptica.engine;

/**
 * Instantiation or call setup failed for a reason other than a trap: an import the host does not
 * provide (or provides with another type), or a missing / mistyped export.
 */
public final class LinkException extends EngineException {
    public enum Reason { UNKNOWN_IMPORT, MISSING_EXPORT, SIGNATURE_MISMATCH }

    private final Reason reason;

    public LinkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
