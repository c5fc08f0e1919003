package io.ecliptica.harness.spec;

import java.util.List;
import java.util.Optional;

/**
 * One script's results on every engine.
 *
 * @param file the script
 * @param error why the script could not be read (then there are no commands)
 * @param commands line and kind of each command, in script order
 * @param outcomes per engine (in the run's engine order), one outcome per command
 */
public record FileResult(SpecFile file, Optional<String> error, List<Command> commands, List<List<Outcome>> outcomes) {

    /** A command's place in the script and its {@code .wast} keyword. */
    public record Command(int line, String kind) {}

    public FileResult {
        commands = List.copyOf(commands);
        outcomes = outcomes.stream().map(List::copyOf).toList();
    }

    public Tally tally(int engine) {
        return outcomes.isEmpty() ? Tally.ZERO : Tally.of(outcomes.get(engine));
    }

    /** The outcome of command {@code index} on each engine. */
    public List<Outcome> column(int index) {
        return outcomes.stream().map(o -> o.get(index)).toList();
    }
}
