package io.ecliptica.harness.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.abi.HostCallTrace.HostCall;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalizerTest {
    private static HostCall read(int i, String value) {
        return new HostCall(i, 0, "storage_read", List.of(1L, 2L, 3L, 4L), List.of(Bytes.utf8("k"), Bytes.utf8(value)),
                List.of(8L), "");
    }

    private static HostCall write(int i, String value) {
        return new HostCall(i, 0, "storage_write", List.of(1L, 2L, 3L, 4L), List.of(Bytes.utf8("k"), Bytes.utf8(value)),
                List.of(), "");
    }

    @Test
    void theLastAgreeingCallAndEachEnginesFirstDifferingCall() {
        List<List<HostCall>> calls = List.of(
                List.of(read(0, "a"), write(1, "b"), write(2, "c")),
                List.of(read(0, "a"), write(1, "b"), write(2, "c")),
                List.of(read(0, "a"), write(1, "X"), write(2, "c")));
        ReplayOutcome.HostCallDiff d = Localizer.compare(List.of("e1", "e2", "e3"), calls,
                List.of(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(1, d.agreeing());
        assertEquals(Optional.of(read(0, "a")), d.lastAgreeing());
        assertEquals(3, d.firstDiffering().size());
        assertEquals(Optional.of(write(1, "b")), d.firstDiffering().get(0).call());
        assertEquals(Optional.of(write(1, "X")), d.firstDiffering().get(2).call());
    }

    @Test
    void anEngineThatStopsEarlyHasNoCallAtTheDifferingIndex() {
        List<List<HostCall>> calls = List.of(List.of(read(0, "a"), write(1, "b")), List.of(read(0, "a")));
        ReplayOutcome.HostCallDiff d = Localizer.compare(List.of("e1", "e2"), calls, List.of(Optional.empty(), Optional.empty()));
        assertEquals(1, d.agreeing());
        assertEquals(Optional.empty(), d.firstDiffering().get(1).call());
        assertEquals(1, d.firstDiffering().get(1).totalCalls());
    }

    @Test
    void identicalCallListsHaveNoDifferingCall() {
        List<List<HostCall>> calls = List.of(List.of(read(0, "a")), List.of(read(0, "a")));
        ReplayOutcome.HostCallDiff d = Localizer.compare(List.of("e1", "e2"), calls, List.of(Optional.empty(), Optional.empty()));
        assertEquals(1, d.agreeing());
        assertTrue(d.firstDiffering().isEmpty());
    }
}
