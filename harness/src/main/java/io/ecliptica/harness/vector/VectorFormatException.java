package io.ecliptica.harness.vector;

/**
 * A vector or filler file that cannot be used. The message is one line naming the file and the
 * place in it (JSON path, or line:column for syntax errors), fit for printing as is.
 */
public final class VectorFormatException extends Exception {
    public VectorFormatException(String message) {
        super(message, null, false, false);
    }
}
