package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void hexRoundTripIsLowerCaseWith0xPrefix() {
        Bytes b = Bytes.of((byte) 0x00, (byte) 0xAB, (byte) 0x7f, (byte) 0xff);
        assertEquals("0x00ab7fff", b.toHex());
        assertEquals("0x00ab7fff", b.toString());
        assertEquals(b, Bytes.fromHex("0x00ab7fff"));
        assertEquals(b, Bytes.fromHex("0X00AB7FFF"));
        assertEquals(b, Bytes.fromHex("00ab7fff"));
        assertEquals("0x", Bytes.EMPTY.toHex());
        assertSame(Bytes.EMPTY, Bytes.fromHex("0x"));
        assertSame(Bytes.EMPTY, Bytes.fromHex(""));
    }

    @Test
    void malformedHexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0x0"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0xzz"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0x 1"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("x0"));
    }

    @Test
    void factoriesAndAccessorsCopy() {
        byte[] source = {1, 2, 3};
        Bytes b = Bytes.of(source);
        source[0] = 9;
        assertEquals(1, b.get(0));
        byte[] out = b.toByteArray();
        out[1] = 9;
        assertEquals(2, b.get(1));
        assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
        assertEquals(Bytes.of((byte) 2, (byte) 3), Bytes.of(new byte[] {1, 2, 3, 4}, 1, 2));
        byte[] dst = new byte[5];
        b.copyTo(dst, 1);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, dst);
        assertEquals(3, b.length());
        assertTrue(Bytes.of().isEmpty());
    }

    @Test
    void orderIsUnsignedLexicographic() {
        List<Bytes> sorted = List.of(
                Bytes.EMPTY,
                Bytes.fromHex("0x00"),
                Bytes.fromHex("0x0000"),
                Bytes.fromHex("0x01"),
                Bytes.fromHex("0x7f"),
                Bytes.fromHex("0x80"),
                Bytes.fromHex("0x80ff"),
                Bytes.fromHex("0xff"));
        List<Bytes> shuffled = new ArrayList<>(sorted);
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled);
    }

    @Test
    void equalityAndHashCodeAreByContent() {
        assertEquals(Bytes.utf8("abc"), Bytes.fromHex("0x616263"));
        assertEquals(Bytes.utf8("abc").hashCode(), Bytes.fromHex("0x616263").hashCode());
        assertNotEquals(Bytes.utf8("abc"), Bytes.utf8("abd"));
        assertNotEquals(Bytes.fromHex("0x00"), Bytes.EMPTY);
        assertEquals(Bytes.fromHex("0x0102"), Bytes.fromHex("0x01").concat(Bytes.fromHex("0x02")));
    }
}
