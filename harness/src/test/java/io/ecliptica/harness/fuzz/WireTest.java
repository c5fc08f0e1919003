package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.ContractPool;
import io.ecliptica.harness.fuzz.isolate.Wire;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.PrivacySpec;
import io.ecliptica.harness.vector.Vector;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker protocol's payloads survive the trip (docs/fuzzing.md, "Isolation protocol"). */
class WireTest {
    @Test
    void vectorsRoundTrip() throws IOException {
        CaseDeriver d = new CaseDeriver(5, ContractPool.load(Path.of("..", "vectors", "fillers")), Optional.empty(), 0,
                Profiles.DEFAULT);
        for (long i = 0; i < 30; i++) {
            Vector v = d.derive(i).vector();
            byte[] payload = Wire.run(v);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1));
            assertEquals(v, Wire.readRun(in));
        }
    }

    /** A private case travels with its signatures and what executing needs, never an account secret. */
    @Test
    void privateCasesRoundTripWithoutTheAccountSecrets() throws IOException {
        CaseDeriver d = new CaseDeriver(5, ContractPool.load(Path.of("..", "vectors", "fillers")), Optional.empty(), 0, 100,
                Profiles.DEFAULT);
        for (long i = 0; i < 4; i++) {
            Vector v = d.derive(i).vector();
            byte[] payload = Wire.run(v);
            Vector back = Wire.readRun(new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1)));
            assertEquals(v.contracts(), back.contracts());
            assertEquals(v.blocks(), back.blocks(), "calls with their nonce, public key and signature");
            PrivacySpec p = v.privacy().orElseThrow();
            PrivacySpec q = back.privacy().orElseThrow();
            assertEquals(p.chainId(), q.chainId());
            assertEquals(p.master().exportText(), q.master().exportText());
            assertEquals(p.accounts().size(), q.accounts().size());
            for (int a = 0; a < p.accounts().size(); a++) {
                PrivacySpec.Account x = p.accounts().get(a);
                PrivacySpec.Account y = q.accounts().get(a);
                assertEquals(List.of(x.name(), x.address(), x.viewingKey(), x.spendingKey(), x.listed()),
                        List.of(y.name(), y.address(), y.viewingKey(), y.spendingKey(), y.listed()));
                assertTrue(x.keys().isPresent());
                assertTrue(y.keys().isEmpty(), "the account secret stays in the campaign");
            }
        }
    }

    @Test
    void tracesRoundTripWithEveryField() throws IOException {
        Bytes root = Bytes.fromHex("0x" + "ab".repeat(32));
        CallResult ok = new CallResult(Status.OK, "", Bytes.fromHex("0x0102"), List.of(WasmValue.i32(-5),
                WasmValue.f64Bits(0x7ff8000000000001L)), List.of(new Event(root, Bytes.utf8("t"), Bytes.EMPTY)),
                List.of(StorageWrite.set(root, Bytes.utf8("k"), Bytes.EMPTY), StorageWrite.deleted(root, Bytes.utf8("z"))), 77, root,
                "fine — ünïcode");
        CallResult trap = new CallResult(Status.TRAP, "out_of_gas", Bytes.EMPTY, List.of(), List.of(), List.of(), 1000,
                root, "");
        EngineTrace t = new EngineTrace(new EngineDescriptor("e", "lib", "1.0", "mode"), root,
                List.of(new EngineTrace.BlockTrace(List.of(ok, trap), Optional.of(root), Optional.of(root)),
                        new EngineTrace.BlockTrace(List.of(ok), Optional.empty(), Optional.empty())),
                Optional.of(new EngineTrace.Failure(1, 1, new HarnessFailure(HarnessFailure.Kind.TIMEOUT, "slow"))));
        byte[] payload = Wire.trace(t);
        EngineTrace back = Wire.readTrace(new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1)));
        assertEquals(t.engine(), back.engine());
        assertEquals(t.failure(), back.failure());
        assertEquals(t.blocks().size(), back.blocks().size());
        for (int b = 0; b < t.blocks().size(); b++) {
            assertEquals(t.blocks().get(b), back.blocks().get(b));
        }
    }

    @Test
    void fixturesAreNotSentToWorkers() {
        Vector fixture = new Vector(Path.of("x.json"), Vector.Kind.FIXTURE, "", Profiles.DEFAULT, List.of(), List.of(),
                Optional.empty(), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> Wire.run(fixture));
    }
}
