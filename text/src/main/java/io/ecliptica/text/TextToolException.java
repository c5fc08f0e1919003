package io.ecliptica.text;

/**
 * A failure of the WebAssembly text tooling. Messages are single lines without stack traces;
 * {@link WatSyntaxException} is the subclass for errors in the input text.
 */
public class TextToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TextToolException(String message) {
        super(message);
    }

    public TextToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
