package io.ecliptica.harness.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.Memory;
import io.ecliptica.engine.MemoryAccessException;
import io.ecliptica.engine.ValueType;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules of docs/abi.md §3, checked on the host functions directly (no engine involved). */
class HostAbiTest {
    private static final Bytes CALLER = Bytes.fromHex("0x" + "aa".repeat(32));
    private static final Bytes SELF = Bytes.fromHex("0x" + "bb".repeat(32));

    private final Map<Bytes, Bytes> committed = new TreeMap<>(Map.of(Bytes.utf8("k"), Bytes.utf8("committed-value")));
    private final HostAbi abi = new HostAbi(
            new CallContext(CALLER, SELF, Bytes.utf8("input-bytes"), 7, 1_767_225_600L),
            new StorageOverlay(SELF, k -> Optional.ofNullable(committed.get(k))));
    private final ArrayMemory mem = new ArrayMemory(1024);

    private long[] call(String name, long... args) {
        HostImport h = abi.imports().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        return h.function().call(mem, args);
    }

    private void putText(int at, String s) {
        mem.put(at, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFunctionOfTheSpecIsOfferedWithItsSignature() {
        Map<String, FunctionType> bySpec = new TreeMap<>();
        ValueType i32 = ValueType.I32;
        ValueType i64 = ValueType.I64;
        bySpec.put("input_size", new FunctionType(List.of(), List.of(i32)));
        bySpec.put("input_read", new FunctionType(List.of(i32, i32, i32), List.of()));
        bySpec.put("storage_read", new FunctionType(List.of(i32, i32, i32, i32), List.of(i32)));
        bySpec.put("storage_write", new FunctionType(List.of(i32, i32, i32, i32), List.of()));
        bySpec.put("storage_remove", new FunctionType(List.of(i32, i32), List.of(i32)));
        bySpec.put("return_data", new FunctionType(List.of(i32, i32), List.of()));
        bySpec.put("emit_event", new FunctionType(List.of(i32, i32, i32, i32), List.of()));
        bySpec.put("caller", new FunctionType(List.of(i32), List.of()));
        bySpec.put("self_address", new FunctionType(List.of(i32), List.of()));
        bySpec.put("block_height", new FunctionType(List.of(), List.of(i64)));
        bySpec.put("block_time", new FunctionType(List.of(), List.of(i64)));
        bySpec.put("revert", new FunctionType(List.of(i32, i32), List.of()));
        bySpec.put("abort", new FunctionType(List.of(i32, i32), List.of()));
        bySpec.put("crypto_sha256", new FunctionType(List.of(i32, i32, i32), List.of()));
        bySpec.put("crypto_ml_dsa_65_verify", new FunctionType(List.of(i32, i32, i32, i32), List.of(i32)));
        bySpec.put("crypto_seal_to_caller", new FunctionType(List.of(i32, i32, i32), List.of()));
        bySpec.put("call_contract", new FunctionType(List.of(i32, i32, i32, ValueType.I64), List.of(i32)));
        bySpec.put("call_output", new FunctionType(List.of(i32, i32), List.of(i32)));
        Map<String, FunctionType> offered = new TreeMap<>();
        for (HostImport h : abi.imports()) {
            assertEquals("ecliptica", h.module());
            offered.put(h.name(), h.type());
        }
        assertEquals(bySpec, offered);
    }

    @Test
    void inputIsReadableWholeAndInParts() {
        assertEquals(11, call("input_size")[0]);
        call("input_read", 100, 6, 5);
        assertEquals("bytes", new String(mem.read(100, 5), StandardCharsets.UTF_8));
        call("input_read", 200, 0, 11);
        assertEquals("input-bytes", new String(mem.read(200, 11), StandardCharsets.UTF_8));
        call("input_read", 300, 11, 0); // empty read at the end is allowed
    }

    @Test
    void inputReadPastTheEndIsAnAbiViolationEvenWithWrapAround() {
        assertThrows(HostSignal.AbiViolation.class, () -> call("input_read", 0, 6, 6));
        // offset 0xffffffff + len 2 must not wrap around to a small number.
        assertThrows(HostSignal.AbiViolation.class, () -> call("input_read", 0, -1, 2));
    }

    @Test
    void inputReadIntoMemoryOutOfBoundsTraps() {
        assertThrows(MemoryAccessException.class, () -> call("input_read", 1020, 0, 11));
    }

    @Test
    void storageReadReturnsLengthAndCopiesAtMostTheCapacity() {
        putText(0, "k");
        assertEquals(15, call("storage_read", 0, 1, 100, 4)[0]);
        assertEquals("comm", new String(mem.read(100, 4), StandardCharsets.UTF_8));
        assertEquals(0, mem.bytes[104], "nothing past the capacity is written");
        assertEquals(15, call("storage_read", 0, 1, 200, 64)[0]);
        assertEquals("committed-value", new String(mem.read(200, 15), StandardCharsets.UTF_8));
    }

    @Test
    void storageReadOfAnAbsentKeyReturnsMinusOneAndWritesNothing() {
        putText(0, "nope");
        mem.put(100, (byte) 0x55);
        assertEquals(-1, call("storage_read", 0, 4, 100, 8)[0]);
        assertEquals(0x55, mem.bytes[100]);
    }

    @Test
    void storageReadChecksTheWholeDestinationRange() {
        putText(0, "k");
        assertThrows(MemoryAccessException.class, () -> call("storage_read", 0, 1, 1000, 100));
    }

    @Test
    void writesAreVisibleToLaterReadsAndFormTheWriteSet() {
        putText(0, "k");
        putText(10, "zz");
        putText(20, "new");
        call("storage_write", 10, 2, 20, 3);        // zz = new
        call("storage_write", 0, 1, 20, 3);         // k = new (overwrites committed)
        call("storage_write", 10, 2, 20, 0);        // zz = "" (empty value is a value)
        assertEquals(3, call("storage_read", 0, 1, 100, 8)[0]);
        assertEquals(0, call("storage_read", 10, 2, 100, 8)[0]);
        assertEquals(List.of(StorageWrite.set(SELF, Bytes.utf8("k"), Bytes.utf8("new")),
                StorageWrite.set(SELF, Bytes.utf8("zz"), Bytes.EMPTY)), abi.storage().writeSet());
        assertEquals(Bytes.utf8("committed-value"), committed.get(Bytes.utf8("k")), "committed state untouched");
    }

    @Test
    void removeReportsPresenceAndLeavesADeletionInTheWriteSet() {
        putText(0, "k");
        putText(10, "absent");
        assertEquals(1, call("storage_remove", 0, 1)[0]);
        assertEquals(0, call("storage_remove", 0, 1)[0], "already removed in this transaction");
        assertEquals(0, call("storage_remove", 10, 6)[0]);
        assertEquals(-1, call("storage_read", 0, 1, 100, 8)[0]);
        assertEquals(List.of(StorageWrite.deleted(SELF, Bytes.utf8("absent")), StorageWrite.deleted(SELF, Bytes.utf8("k"))),
                abi.storage().writeSet(), "each key once, in unsigned byte order");
    }

    @Test
    void writeSetOrdersKeysAsUnsignedBytes() {
        mem.put(0, (byte) 0x80);
        mem.put(1, (byte) 0x01);
        call("storage_write", 0, 1, 0, 1);
        call("storage_write", 1, 1, 0, 1);
        List<StorageWrite> ws = abi.storage().writeSet();
        assertEquals(Bytes.of((byte) 0x01), ws.get(0).key());
        assertEquals(Bytes.of((byte) 0x80), ws.get(1).key());
    }

    @Test
    void limitsAreAbiViolations() {
        assertThrows(HostSignal.AbiViolation.class, () -> call("storage_write", 0, 257, 0, 1));
        assertThrows(HostSignal.AbiViolation.class, () -> call("storage_read", 0, 257, 0, 1));
        assertThrows(HostSignal.AbiViolation.class, () -> call("storage_remove", 0, 257));
        assertThrows(HostSignal.AbiViolation.class, () -> call("emit_event", 0, 257, 0, 0));
        assertThrows(HostSignal.AbiViolation.class, () -> call("return_data", 0, 65537));
        // The limit is checked before the memory range: an oversized length never becomes an OOB trap.
        assertThrows(HostSignal.AbiViolation.class, () -> call("storage_write", 0, 256, 0, 65537));
        call("storage_write", 0, 256, 0, 0); // exactly at the key limit is fine
    }

    @Test
    void atMost1024EventsPerTransaction() {
        for (int i = 0; i < 1024; i++) {
            call("emit_event", 0, 1, 0, 0);
        }
        assertThrows(HostSignal.AbiViolation.class, () -> call("emit_event", 0, 1, 0, 0));
        assertEquals(1024, abi.events().size());
    }

    @Test
    void eventsKeepEmissionOrderAndOutputIsTheLastReturnData() {
        putText(0, "topicAdataBsecond");
        call("emit_event", 0, 6, 6, 5);
        call("emit_event", 11, 6, 6, 0);
        assertEquals(List.of(new Event(SELF, Bytes.utf8("topicA"), Bytes.utf8("dataB")),
                new Event(SELF, Bytes.utf8("second"), Bytes.EMPTY)), abi.events());
        call("return_data", 0, 5);
        call("return_data", 11, 6);
        assertEquals(Bytes.utf8("second"), abi.output());
    }

    @Test
    void contextFunctions() {
        call("caller", 0);
        call("self_address", 32);
        assertArrayEquals(CALLER.toByteArray(), mem.read(0, 32));
        assertArrayEquals(SELF.toByteArray(), mem.read(32, 32));
        assertEquals(7, call("block_height")[0]);
        assertEquals(1_767_225_600L, call("block_time")[0]);
        assertThrows(MemoryAccessException.class, () -> call("caller", 1000));
    }

    @Test
    void revertAndAbortCarryTheirMessage() {
        putText(0, "no funds");
        HostSignal.Revert r = assertThrows(HostSignal.Revert.class, () -> call("revert", 0, 8));
        assertEquals(Bytes.utf8("no funds"), r.message());
        HostSignal.Abort a = assertThrows(HostSignal.Abort.class, () -> call("abort", 0, 2));
        assertEquals(Bytes.utf8("no"), a.message());
        assertInstanceOf(HostSignal.AbiViolation.class,
                assertThrows(HostSignal.class, () -> call("revert", 0, 65537)));
    }

    @Test
    void cryptoSha256WritesTheDigest() {
        // FIPS 180-2 appendix B.1: SHA-256("abc")
        putText(0, "abc");
        call("crypto_sha256", 0, 3, 100);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                java.util.HexFormat.of().formatHex(mem.read(100, 32)));
        // SHA-256 of the empty string, written over its own (empty) input
        call("crypto_sha256", 200, 0, 200);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                java.util.HexFormat.of().formatHex(mem.read(200, 32)));
    }

    @Test
    void cryptoSha256ChecksItsLimitThenItsRanges() {
        assertThrows(HostSignal.AbiViolation.class, () -> call("crypto_sha256", 0, 65537, 0));
        assertThrows(MemoryAccessException.class, () -> call("crypto_sha256", 1000, 100, 0));
        assertThrows(MemoryAccessException.class, () -> call("crypto_sha256", 0, 3, 1000));
    }

    @Test
    void pointersAreUnsigned() {
        // 0x80000000 as an i32 is negative in Java; the host must treat it as 2^31 and trap OOB.
        assertThrows(MemoryAccessException.class, () -> call("return_data", Integer.MIN_VALUE, 1));
        assertTrue(abi.output().isEmpty());
    }

    // ---- call_contract / call_output (docs/abi.md §6) ---------------------------------------------

    /** Records what the host asked of the executor's side and answers with a fixed outcome. */
    private static final class RecordingCalls implements ContractCalls {
        final List<String> seen = new java.util.ArrayList<>();
        final Outcome answer;

        RecordingCalls(Outcome answer) {
            this.answer = answer;
        }

        @Override
        public Outcome call(CallContext caller, Bytes callee, Bytes sent, long gas, int depth) {
            seen.add(caller.self() + " -> " + callee + " in=" + sent + " gas=" + gas + " depth=" + depth);
            return answer;
        }
    }

    /** A caller's gas global as the host sees it: starts at {@code left}. */
    private static final class Gas implements CallerGas {
        long left;

        Gas(long left) {
            this.left = left;
        }

        @Override
        public boolean metered() {
            return true;
        }

        @Override
        public long left() {
            return left;
        }

        @Override
        public void set(long gas) {
            left = gas;
        }
    }

    private static final Bytes CALLEE = Bytes.fromHex("0x" + "cc".repeat(32));

    private HostAbi calling(int depth, ContractCalls calls) {
        return new HostAbi(new CallContext(CALLER, SELF, Bytes.EMPTY, 7, 0),
                new TransactionJournal((a, k) -> Optional.empty()), new HostCallTrace(false), depth, calls, Optional.empty());
    }

    private static long[] invoke(HostAbi host, Memory m, String name, long... args) {
        return host.imports().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow().function().call(m, args);
    }

    @Test
    void callContractForwardsTheSmallerOfGasAndWhatIsLeftAndChargesWhatTheCalleeUsed() {
        RecordingCalls calls = new RecordingCalls(new ContractCalls.Outcome(CallStatus.OK, Bytes.utf8("hello"), 300));
        HostAbi host = calling(0, calls);
        Gas gas = new Gas(1000);
        host.attach(gas);
        mem.put(0, CALLEE.toByteArray());
        putText(100, "in");
        assertArrayEquals(new long[] {0}, invoke(host, mem, "call_contract", 0, 100, 2, 5000));
        assertEquals(700, gas.left, "1000 left, the callee used 300 of the 1000 forwarded");
        assertArrayEquals(new long[] {0}, invoke(host, mem, "call_contract", 0, 100, 2, 200));
        assertEquals(400, gas.left);
        assertEquals(List.of(SELF + " -> " + CALLEE + " in=" + Bytes.utf8("in") + " gas=1000 depth=1",
                SELF + " -> " + CALLEE + " in=" + Bytes.utf8("in") + " gas=200 depth=1"), calls.seen);
    }

    @Test
    void callOutputCopiesAtMostCapBytesAndReturnsTheFullLength() {
        HostAbi host = calling(0, new RecordingCalls(new ContractCalls.Outcome(CallStatus.REVERT, Bytes.utf8("hello"), 0)));
        assertArrayEquals(new long[] {0}, invoke(host, mem, "call_output", 200, 10), "no call yet: length 0");
        mem.put(0, CALLEE.toByteArray());
        assertArrayEquals(new long[] {1}, invoke(host, mem, "call_contract", 0, 0, 0, 0));
        assertArrayEquals(new long[] {5}, invoke(host, mem, "call_output", 200, 3));
        assertArrayEquals(Bytes.utf8("hel").toByteArray(), mem.read(200, 3));
        assertEquals(0, mem.read(203, 1)[0], "nothing past cap is written");
        assertThrows(MemoryAccessException.class, () -> invoke(host, mem, "call_output", 1020, 10),
                "the whole [dst, dst+cap) range must be in memory");
    }

    @Test
    void atDepthEightACallReturnsFourWithoutRunningAnything() {
        RecordingCalls calls = new RecordingCalls(ContractCalls.Outcome.notRun(CallStatus.OK));
        HostAbi host = calling(HostAbi.MAX_CALL_DEPTH, calls);
        mem.put(0, CALLEE.toByteArray());
        assertArrayEquals(new long[] {4}, invoke(host, mem, "call_contract", 0, 0, 0, 1000));
        assertEquals(List.of(), calls.seen);
        assertArrayEquals(new long[] {0}, invoke(host, mem, "call_output", 0, 0));
        HostAbi seven = calling(HostAbi.MAX_CALL_DEPTH - 1, calls);
        assertArrayEquals(new long[] {0}, invoke(seven, mem, "call_contract", 0, 0, 0, 1000));
        assertEquals(1, calls.seen.size());
        assertTrue(calls.seen.get(0).endsWith("depth=8"));
    }

    @Test
    void callContractChecksTheAddressThenTheInputLimitThenItsRangeThenTheGas() {
        HostAbi host = calling(0, ContractCalls.NONE);
        assertThrows(MemoryAccessException.class, () -> invoke(host, mem, "call_contract", 1000, 0, 0, 0));
        // an input over the limit is an ABI violation even though it is also out of bounds
        assertThrows(HostSignal.AbiViolation.class, () -> invoke(host, mem, "call_contract", 0, 0, 65537, 0));
        assertThrows(MemoryAccessException.class, () -> invoke(host, mem, "call_contract", 0, 1000, 100, 0));
        assertThrows(HostSignal.AbiViolation.class, () -> invoke(host, mem, "call_contract", 0, 0, 0, -1));
        assertArrayEquals(new long[] {3}, invoke(host, mem, "call_contract", 0, 0, 0, 0), "NONE: no other contracts");
    }
}
