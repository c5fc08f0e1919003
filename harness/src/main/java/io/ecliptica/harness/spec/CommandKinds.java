package io.ecliptica.harness.spec;

import io.ecliptica.text.WastCommand;

/** The {@code .wast} keyword of a command, as reports show it. */
final class CommandKinds {
    private CommandKinds() {
    }

    static String of(WastCommand c) {
        return switch (c) {
            case WastCommand.DefineModule d -> "module";
            case WastCommand.Register r -> "register";
            case WastCommand.PerformAction a -> "action";
            case WastCommand.AssertReturn a -> "assert_return";
            case WastCommand.AssertTrap a -> "assert_trap";
            case WastCommand.AssertExhaustion a -> "assert_exhaustion";
            case WastCommand.AssertInvalid a -> "assert_invalid";
            case WastCommand.AssertMalformed a -> "assert_malformed";
            case WastCommand.AssertUnlinkable a -> "assert_unlinkable";
            case WastCommand.AssertUninstantiable a -> "assert_uninstantiable";
            case WastCommand.Unsupported u -> u.type();
        };
    }
}
