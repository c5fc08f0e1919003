package io.ecliptica.text;

import java.util.List;

/** A parsed {@code .wast} script: its commands in order. */
public record WastScript(String fileName, List<WastCommand> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }

    /** How many commands are of the given kind, e.g. {@code count(WastCommand.AssertReturn.class)}. */
    public long count(Class<? extends WastCommand> kind) {
        return commands.stream().filter(kind::isInstance).count();
    }

    /** The commands of the given kind, in order. */
    public <T extends WastCommand> List<T> commands(Class<T> kind) {
        return commands.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
