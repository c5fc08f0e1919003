package io.ecliptica.harness.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/state-root.md §6.1: the receipt encoding, against bytes laid out by hand from the spec. */
class ReceiptTest {
    private static final Bytes ROOT = Bytes.fromHex("0x" + "11".repeat(32));

    @Test
    void workedExampleFromTheSpec() {
        CallResult r = new CallResult(Status.OK, "", Bytes.fromHex("0x2a"), List.of(WasmValue.i32(-1)),
                List.of(new Event(Bytes.fromHex("0x74"), Bytes.EMPTY)),
                List.of(StorageWrite.set(Bytes.fromHex("0x6b"), Bytes.fromHex("0x01"))), 0, ROOT, "ignored");
        String expected = "01" + "00" + "00000000" + "00000001" + "2a" + "00000001" + "7f" + "00000000ffffffff"
                + "00000001" + "00000001" + "74" + "00000000"
                + "00000001" + "00000001" + "6b" + "01" + "00000001" + "01" + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected, Bytes.of(Receipt.encode(r)).toHex());
    }

    @Test
    void trapWithClassDeletionAndFloatResultLayout() {
        CallResult trap = new CallResult(Status.TRAP, "abort", Bytes.fromHex("0x6e6f"), List.of(), List.of(), List.of(), 0, ROOT, "");
        String expected = "01" + "02" + "00000005" + "61626f7274" + "00000002" + "6e6f" + "00000000" + "00000000"
                + "00000000" + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected, Bytes.of(Receipt.encode(trap)).toHex());

        CallResult deletion = new CallResult(Status.OK, "", Bytes.EMPTY, List.of(WasmValue.f64Bits(0x7ff8000000000001L)),
                List.of(), List.of(StorageWrite.deleted(Bytes.fromHex("0xff"))), 0, ROOT, "");
        String expected2 = "01" + "00" + "00000000" + "00000000" + "00000001" + "7c" + "7ff8000000000001" + "00000000"
                + "00000001" + "00000001" + "ff" + "00" + "0000000000000000" + "11".repeat(32);
        assertEquals("0x" + expected2, Bytes.of(Receipt.encode(deletion)).toHex());
    }

    @Test
    void gasUsedIsABigEndianU64BeforeTheStateRoot() {
        CallResult r = new CallResult(Status.REVERT, "", Bytes.EMPTY, List.of(), List.of(), List.of(), 0x0102030405L, ROOT, "");
        String expected = "01" + "01" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000"
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
