package io.ecliptica.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.vector.CanonicalJson;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the engines, their versions and modes, and whether each can start on this JVM.")
final class EnginesCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        List<EngineRegistry.Probe> probes = EngineRegistry.discover().probeAll();
        if (json) {
            ObjectNode root = CanonicalJson.object();
            ArrayNode arr = root.putArray("engines");
            for (EngineRegistry.Probe p : probes) {
                ObjectNode o = arr.addObject();
                o.put("id", p.id());
                o.put("usable", p.usable());
                o.put("default", p.selectedByDefault());
                p.descriptor().ifPresent(d -> {
                    o.put("library", d.library());
                    o.put("version", d.version());
                    o.put("mode", d.mode());
                });
                if (!p.usable()) {
                    o.put("problem", p.problem());
                }
                o.put("description", p.description());
            }
            main.out.print(CanonicalJson.toText(root));
        } else {
            int w = probes.stream().mapToInt(p -> p.id().length()).max().orElse(8);
            for (EngineRegistry.Probe p : probes) {
                String detail = p.descriptor().map(d -> "usable       " + d.library() + " " + d.version() + ", " + d.mode()
                        + (p.selectedByDefault() ? "" : "  [variant: used only when named with --engines]"))
                        .orElse("UNAVAILABLE  " + p.problem());
                main.out.printf(Locale.ROOT, "%-" + w + "s  %s%n", p.id(), detail);
            }
        }
        return probes.stream().anyMatch(EngineRegistry.Probe::usable) ? ExitCode.OK : ExitCode.INTERNAL;
    }
}
