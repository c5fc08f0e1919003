package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.chicory.ChicoryInterpreterEngine;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.ContractPool;
import io.ecliptica.harness.fuzz.reduce.GeneratorBinding;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.EngineTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/fuzzing.md, "Gas of a generated module": the smaller gas ranges still let unguarded recursion
 * reach the profile's stack limit and unbounded loops run out of gas. Seed 1's cases 209, 291 and
 * 374 each recurse to the stack limit within their drawn limits (found by running cases 0-399).
 */
class GeneratedCaseGasTest {
    @Test
    void recursionStillReachesTheStackLimitAndLoopsRunOutOfGas() throws Exception {
        CaseDeriver deriver = new CaseDeriver(1, ContractPool.empty(), Optional.of(GeneratorBinding.source()), 100,
                Profiles.DEFAULT);
        List<String> allClasses = new ArrayList<>();
        try (DifferentialRunner runner = new DifferentialRunner(
                List.of(new EngineExecutor(new ChicoryInterpreterEngine(), EngineExecutor.Limits.DEFAULT)), Profiles::byId)) {
            for (long index : new long[] {209, 291, 374}) {
                List<String> classes = new ArrayList<>();
                EngineTrace trace = runner.run(deriver.derive(index).vector()).traces().get(0);
                for (EngineTrace.BlockTrace b : trace.blocks()) {
                    for (CallResult r : b.results()) {
                        classes.add(r.errorClass());
                    }
                }
                assertTrue(classes.contains("call_stack_exhausted"), "case " + index + ": " + classes);
                allClasses.addAll(classes);
            }
        }
        assertTrue(allClasses.contains("out_of_gas"), allClasses.toString());
    }
}
