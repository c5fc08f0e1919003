package io.ecliptica.harness.vector;

/**
 * A vector or filler file that cannot be used. The message is one line naming the file and the
 * place in it (JSON path, or line:column for syntax errors), fit for printing as is.
 */
public class VectorFormatException extends Exception {
    public VectorFormatException(String message) {
        super(message, null, false, false);
    }

    /**
     * Valid JSON that does not claim to be a vector at all (no {@code _info.format} of the
     * {@code ecliptica-} family), e.g. a package.json beside a contract's sources. Directory scans
     * skip such files; named on the command line, they are an error like any other.
     */
    public static final class NotAVector extends VectorFormatException {
        public NotAVector(String message) {
            super(message);
        }
    }
}
