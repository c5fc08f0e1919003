package io.ecliptica.text;

import java.util.List;

/**
 * The input text (a {@code .wat} module or a {@code .wast} script) was rejected by wabt: a syntax
 * error, an unknown name, or (for {@code .wat}) a validation error such as a type mismatch.
 *
 * <p>{@link #getMessage()} is one line: {@code FILE:LINE:COLUMN: DETAIL}, e.g. {@code
 * counter.wat:12:5: unexpected token "foo", expected ).}; when wabt reported more than one
 * error, the first is used and {@code (+N more errors)} is appended. {@link #diagnostics()} has
 * all of them.
 */
public class WatSyntaxException extends TextToolException {
    private static final long serialVersionUID = 1L;

    /** One error reported by wabt; line and column are 1-based, 0 when unknown. */
    public record Diagnostic(String fileName, int line, int column, String detail) {
        /** {@code FILE:LINE:COLUMN: DETAIL} (position parts omitted when unknown). */
        public String format() {
            StringBuilder sb = new StringBuilder(fileName);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            return sb.append(": ").append(detail).toString();
        }
    }

    private final transient List<Diagnostic> diagnostics;

    public WatSyntaxException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String summary(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("no diagnostics");
        }
        String first = diagnostics.get(0).format();
        int more = diagnostics.size() - 1;
        return more == 0 ? first : first + " (+" + more + " more error" + (more == 1 ? "" : "s") + ")";
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public String fileName() {
        return diagnostics.get(0).fileName();
    }

    /** 1-based line of the first error, 0 if unknown. */
    public int line() {
        return diagnostics.get(0).line();
    }

    /** 1-based column of the first error, 0 if unknown. */
    public int column() {
        return diagnostics.get(0).column();
    }
}
