package io.ecliptica.harness.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/state-root.md §6.1: the receipt encoding (version 2), against bytes laid out by hand from the spec. */
class ReceiptTest {
    private static final Bytes ROOT = Bytes.fromHex("0x" + "11".repeat(32));

    /** Contract addresses of the worked example: 31 zero bytes then 01 / 02. */
    private static final Bytes A = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    private static final Bytes B = Bytes.fromHex("0x" + "00".repeat(31) + "02");
    private static final String LEN_A = "00000020" + "00".repeat(31) + "01";
    private static final String LEN_B = "00000020" + "00".repeat(31) + "02";

    @Test
    void workedExampleFromTheSpec() {
        // A called B: B emitted first, then A; A set 0x6b, B deleted its own 0x6b.
        CallResult r = new CallResult(Status.OK, "", Bytes.fromHex("0x2a"), List.of(WasmValue.i32(-1)),
                List.of(new Event(B, Bytes.fromHex("0x74"), Bytes.EMPTY), new Event(A, Bytes.fromHex("0x75"), Bytes.fromHex("0x01"))),
                List.of(StorageWrite.set(A, Bytes.fromHex("0x6b"), Bytes.fromHex("0x01")), StorageWrite.deleted(B, Bytes.fromHex("0x6b"))),
                0, ROOT, "ignored");
        String expected = "02" + "00" + "00000000" + "00000001" + "2a" + "00000001" + "7f" + "00000000ffffffff"
                + "00000002" + LEN_B + "00000001" + "74" + "00000000" + LEN_A + "00000001" + "75" + "00000001" + "01"
                + "00000002" + LEN_A + "00000001" + "6b" + "01" + "00000001" + "01" + LEN_B + "00000001" + "6b" + "00"
                + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected, Bytes.of(Receipt.encode(r)).toHex());
    }

    @Test
    void writesAreOrderedByAddressThenKey() {
        StorageWrite a2 = StorageWrite.set(A, Bytes.fromHex("0x02"), Bytes.EMPTY);
        StorageWrite b1 = StorageWrite.set(B, Bytes.fromHex("0x01"), Bytes.EMPTY);
        StorageWrite a1ff = StorageWrite.set(A, Bytes.fromHex("0x01ff"), Bytes.EMPTY);
        assertEquals(List.of(a1ff, a2, b1), java.util.stream.Stream.of(b1, a2, a1ff).sorted().toList());
    }

    @Test
    void trapWithClassDeletionAndFloatResultLayout() {
        CallResult trap = new CallResult(Status.TRAP, "abort", Bytes.fromHex("0x6e6f"), List.of(), List.of(), List.of(), 0, ROOT, "");
        String expected = "02" + "02" + "00000005" + "61626f7274" + "00000002" + "6e6f" + "00000000" + "00000000"
                + "00000000" + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected, Bytes.of(Receipt.encode(trap)).toHex());

        CallResult deletion = new CallResult(Status.OK, "", Bytes.EMPTY, List.of(WasmValue.f64Bits(0x7ff8000000000001L)),
                List.of(), List.of(StorageWrite.deleted(A, Bytes.fromHex("0xff"))), 0, ROOT, "");
        String expected2 = "02" + "00" + "00000000" + "00000000" + "00000001" + "7c" + "7ff8000000000001" + "00000000"
                + "00000001" + LEN_A + "00000001" + "ff" + "00" + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected2, Bytes.of(Receipt.encode(deletion)).toHex());
    }

    @Test
    void gasUsedIsABigEndianU64BeforeTheStateRoot() {
        CallResult r = new CallResult(Status.REVERT, "", Bytes.EMPTY, List.of(), List.of(), List.of(), 0x0102030405L, ROOT, "");
        String expected = "02" + "01" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000"
                + "0000000102030405" + "11".repeat(32);
        assertEquals("0x" + expected, Bytes.of(Receipt.encode(r)).toHex());
    }

    @Test
    void theDiagnosticIsNotPartOfTheReceipt() {
        CallResult a = new CallResult(Status.TRAP, "unreachable", Bytes.EMPTY, List.of(), List.of(), List.of(), 0, ROOT, "wasm trap: unreachable");
        CallResult b = new CallResult(Status.TRAP, "unreachable", Bytes.EMPTY, List.of(), List.of(), List.of(), 0, ROOT, "Trapped on unreachable");
        assertEquals(Bytes.of(Receipt.encode(a)), Bytes.of(Receipt.encode(b)));
    }
}
