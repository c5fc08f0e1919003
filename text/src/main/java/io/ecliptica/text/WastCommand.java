package io.ecliptica.text;

import java.util.List;

/**
 * One command of a {@code .wast} script, in script order; {@link #line()} is its 1-based line in
 * the {@code .wast} file.
 */
public sealed interface WastCommand {
    int line();

    /** {@code (module $name? ...)}: instantiate the module; it becomes the current module. */
    record DefineModule(int line, String name, WastModule module) implements WastCommand {}

    /** {@code (register "as" $name?)}: make a module's exports importable under {@code as}. */
    record Register(int line, String as, String name) implements WastCommand {}

    /** A bare action: perform it; it must not trap. {@code expected} lists the result types. */
    record PerformAction(int line, WastAction action, List<WastValue> expected) implements WastCommand {
        public PerformAction {
            expected = List.copyOf(expected);
        }
    }

    /** {@code (assert_return action expected...)}; expected values may be patterns. */
    record AssertReturn(int line, WastAction action, List<WastValue> expected) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /** {@code (assert_trap action "message")}; {@code expected} lists result types only. */
    record AssertTrap(int line, WastAction action, String message, List<WastValue> expected)
            implements WastCommand {
        public AssertTrap {
            expected = List.copyOf(expected);
        }
    }

    /** {@code (assert_exhaustion action "message")}: e.g. call stack exhausted. */
    record AssertExhaustion(int line, WastAction action, String message, List<WastValue> expected)
            implements WastCommand {
        public AssertExhaustion {
            expected = List.copyOf(expected);
        }
    }

    /** A command about a module that must fail to decode, validate, link or instantiate. */
    sealed interface ModuleAssertion extends WastCommand {
        WastModule module();

        /** The expected error text of the script (engines word errors differently). */
        String message();
    }

    /** {@code (assert_invalid module "message")}: decodes but must fail validation. */
    record AssertInvalid(int line, WastModule module, String message) implements ModuleAssertion {}

    /** {@code (assert_malformed module "message")}: must fail to decode (or, as text, to parse). */
    record AssertMalformed(int line, WastModule module, String message) implements ModuleAssertion {}

    /** {@code (assert_unlinkable module "message")}: valid, but imports must fail to resolve. */
    record AssertUnlinkable(int line, WastModule module, String message) implements ModuleAssertion {}

    /**
     * {@code (assert_uninstantiable module "message")} (also {@code assert_trap} on a module): a
     * trap while instantiating (start function, segment out of bounds).
     */
    record AssertUninstantiable(int line, WastModule module, String message) implements ModuleAssertion {}

    /** A command kind this library does not model (from a later proposal); a runner skips it. */
    record Unsupported(int line, String type, String json) implements WastCommand {}
}
