package io.ecliptica.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.text.WastCommand.AssertExhaustion;
import io.ecliptica.text.WastCommand.AssertInvalid;
import io.ecliptica.text.WastCommand.AssertMalformed;
import io.ecliptica.text.WastCommand.AssertReturn;
import io.ecliptica.text.WastCommand.AssertTrap;
import io.ecliptica.text.WastCommand.AssertUninstantiable;
import io.ecliptica.text.WastCommand.AssertUnlinkable;
import io.ecliptica.text.WastCommand.DefineModule;
import io.ecliptica.text.WastCommand.PerformAction;
import io.ecliptica.text.WastCommand.Register;
import io.ecliptica.text.WastValue.NanKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastTest {
    static final String SCRIPT = """
            (module $M1
              (global (export "g") i32 (i32.const 42))
              (func (export "id64") (param i64) (result i64) (local.get 0))
              (func (export "nan") (result f32) (f32.const nan))
              (func (export "nan64") (result f64) (f64.const nan))
              (func (export "pair") (result f32 f64) (f32.const -0x1p-149) (f64.const 3))
              (func (export "ext") (param externref) (result externref) (local.get 0))
              (func (export "fnull") (result funcref) (ref.null func))
              (func (export "boom") (unreachable))
              (func $rec (export "rec") (call $rec))
              (func (export "v") (param v128) (result v128) (local.get 0)))
            (register "m1" $M1)
            (assert_return (get "g") (i32.const 42))
            (assert_return (invoke "id64" (i64.const -1)) (i64.const -1))
            (assert_return (invoke $M1 "nan") (f32.const nan:canonical))
            (assert_return (invoke "nan64") (f64.const nan:arithmetic))
            (assert_return (invoke "ext" (ref.extern 7)) (ref.extern 7))
            (assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
            (assert_return (invoke "fnull") (ref.null func))
            (assert_return (invoke "v" (v128.const i32x4 1 2 3 -1)) (v128.const f32x4 1 2 3 nan:canonical))
            (invoke "id64" (i64.const 5))
            (assert_trap (invoke "boom") "unreachable")
            (assert_exhaustion (invoke "rec") "call stack exhausted")
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (assert_malformed (module quote "(func (i32.const abc))") "unexpected token")
            (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
            (assert_unlinkable (module (import "m1" "nope" (func))) "unknown import")
            (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
            (module $M2 binary "\\00asm\\01\\00\\00\\00")
            (assert_return (invoke $M1 "id64" (i64.const 0x8000000000000000)) (i64.const -0x8000000000000000))
            (assert_return (invoke $M1 "pair") (f32.const -0x1p-149) (f64.const 0x1.8p1))
            """;

    @Test
    void everyCommandKindIsModelled() {
        WastScript s = Wast.parse(SCRIPT, "kinds.wast");
        assertEquals("kinds.wast", s.fileName());
        List<WastCommand> c = s.commands();
        assertEquals(21, c.size(), c.toString());

        DefineModule m1 = assertInstanceOf(DefineModule.class, c.get(0));
        assertEquals(1, m1.line());
        assertEquals("$M1", m1.name());
        assertTrue(m1.module().isBinary());
        assertArrayEquals(WatTest.HEADER, Arrays.copyOf(m1.module().bytes(), 8));

        Register reg = assertInstanceOf(Register.class, c.get(1));
        assertEquals(new Register(12, "m1", "$M1"), reg);

        AssertReturn get = assertInstanceOf(AssertReturn.class, c.get(2));
        assertEquals(13, get.line());
        assertEquals(new WastAction.Get(null, "g"), get.action());
        assertEquals(List.of(WastValue.Num.i32(42)), get.expected());

        AssertReturn id64 = assertInstanceOf(AssertReturn.class, c.get(3));
        assertEquals(new WastAction.Invoke(null, "id64", List.of(WastValue.Num.i64(-1))), id64.action());
        assertEquals(-1L, ((WastValue.Num) id64.expected().get(0)).bits());

        AssertReturn nan = assertInstanceOf(AssertReturn.class, c.get(4));
        assertEquals("$M1", nan.action().module());
        WastValue.NanPattern canonical = assertInstanceOf(WastValue.NanPattern.class, nan.expected().get(0));
        assertEquals(new WastValue.NanPattern(ValType.F32, NanKind.CANONICAL), canonical);
        assertTrue(canonical.matches(0x7fc00000L));
        assertTrue(canonical.matches(0xffc00000L));
        assertFalse(canonical.matches(0x7fc00001L));
        assertFalse(canonical.matches(0x7f800000L)); // infinity
        assertEquals(new WastValue.NanPattern(ValType.F64, NanKind.ARITHMETIC),
                ((AssertReturn) c.get(5)).expected().get(0));
        WastValue.NanPattern arithmetic = (WastValue.NanPattern) ((AssertReturn) c.get(5)).expected().get(0);
        assertTrue(arithmetic.matches(0x7ff8000000000001L));
        assertFalse(arithmetic.matches(0x7ff0000000000001L)); // signalling NaN

        AssertReturn ext = (AssertReturn) c.get(6);
        assertEquals(List.of(new WastValue.RefHost(ValType.EXTERNREF, 7)),
                ((WastAction.Invoke) ext.action()).args());
        assertEquals(List.of(new WastValue.RefHost(ValType.EXTERNREF, 7)), ext.expected());
        assertEquals(List.of(new WastValue.RefNull(ValType.EXTERNREF)), ((AssertReturn) c.get(7)).expected());
        assertEquals(List.of(new WastValue.RefNull(ValType.FUNCREF)), ((AssertReturn) c.get(8)).expected());

        AssertReturn v = (AssertReturn) c.get(9);
        WastValue.V128 arg = (WastValue.V128) ((WastAction.Invoke) v.action()).args().get(0);
        assertEquals(new WastValue.V128("i32", List.of("1", "2", "3", "4294967295")), arg);
        assertEquals("01000000020000000300000" + "0ffffffff", java.util.HexFormat.of().formatHex(arg.bytes()));
        WastValue.V128 exp = (WastValue.V128) v.expected().get(0);
        assertEquals("f32", exp.laneType());
        assertTrue(exp.hasNanPattern());
        assertEquals("nan:canonical", exp.lanes().get(3));

        PerformAction act = assertInstanceOf(PerformAction.class, c.get(10));
        assertEquals(new WastAction.Invoke(null, "id64", List.of(WastValue.Num.i64(5))), act.action());

        AssertTrap trap = assertInstanceOf(AssertTrap.class, c.get(11));
        assertEquals("unreachable", trap.message());
        assertEquals(List.of(), trap.expected());
        AssertExhaustion ex = assertInstanceOf(AssertExhaustion.class, c.get(12));
        assertEquals("call stack exhausted", ex.message());
        assertEquals(23, ex.line());

        AssertInvalid invalid = assertInstanceOf(AssertInvalid.class, c.get(13));
        assertTrue(invalid.module().isBinary());
        assertEquals("type mismatch", invalid.message());

        AssertMalformed quoted = assertInstanceOf(AssertMalformed.class, c.get(14));
        assertTrue(quoted.module().isText(), "module quote stays text: runners skip it");
        assertTrue(quoted.module().text().contains("i32.const abc"), quoted.module().text());
        AssertMalformed binary = assertInstanceOf(AssertMalformed.class, c.get(15));
        assertTrue(binary.module().isBinary());
        assertEquals("0061736d02000000", java.util.HexFormat.of().formatHex(binary.module().bytes()));

        assertInstanceOf(AssertUnlinkable.class, c.get(16));
        // (assert_trap (module ...)): wast2json calls it assert_uninstantiable.
        assertEquals("unreachable", assertInstanceOf(AssertUninstantiable.class, c.get(17)).message());

        DefineModule m2 = assertInstanceOf(DefineModule.class, c.get(18));
        assertArrayEquals(WatTest.HEADER, m2.module().bytes());

        AssertReturn minI64 = (AssertReturn) c.get(19);
        assertEquals(Long.MIN_VALUE, ((WastValue.Num) minI64.expected().get(0)).asI64());
        AssertReturn floats = (AssertReturn) c.get(20);
        assertEquals(WastValue.Num.f32Bits(0x80000001), floats.expected().get(0));
        assertEquals(3.0, ((WastValue.Num) floats.expected().get(1)).asF64());

        assertEquals(10, s.count(AssertReturn.class));
        assertEquals(5, s.commands(WastCommand.ModuleAssertion.class).size());
    }

    @Test
    void resultTypesOfTrapsAreTypeOnly() {
        WastScript s = Wast.parse("""
                (module (func (export "t") (result i32 f64) unreachable))
                (assert_trap (invoke "t") "unreachable")
                (assert_return (invoke "t") (i32.const 1) (f64.const 2))
                """, "t.wast");
        assertEquals(List.of(WastValue.Num.i32(1), WastValue.Num.f64Bits(Double.doubleToLongBits(2.0))),
                ((AssertReturn) s.commands().get(2)).expected());
        AssertTrap trap = (AssertTrap) s.commands().get(1);
        assertEquals(2, trap.line());
        // wast2json lists the result types here; nothing is compared.
        assertEquals(List.of(new WastValue.AnyOf(ValType.I32), new WastValue.AnyOf(ValType.F64)), trap.expected());
    }

    @Test
    void syntaxErrorInScriptIsOneLine() {
        String wast = "(module)\n(assert_return (invoke \"f\" (i32.const 1)) (i32.const 2)\n";
        WatSyntaxException e = assertThrows(WatSyntaxException.class, () -> Wast.parse(wast, "suite/broken.wast"));
        assertTrue(e.getMessage().startsWith("suite/broken.wast:3:1: "), e.getMessage());
        WatTest.assertOneLine(e.getMessage());

        WatSyntaxException e2 = assertThrows(WatSyntaxException.class,
                () -> Wast.parse("(module (func (export \"f\") (i32.const foo)))", "b.wast"));
        assertEquals(1, e2.line());
        assertTrue(e2.column() > 1);
        WatTest.assertOneLine(e2.getMessage());
    }

    @Test
    void unnamedModulesAndRegistrations() {
        WastScript s = Wast.parse("(module (func (export \"f\")))\n(register \"x\")\n(invoke \"f\")\n", "u.wast");
        DefineModule m = (DefineModule) s.commands().get(0);
        assertNull(m.name());
        assertEquals(new Register(2, "x", null), s.commands().get(1));
        assertEquals(new PerformAction(3, new WastAction.Invoke(null, "f", List.of()), List.of()), s.commands().get(2));
    }

    @Test
    void missingCommasOfWast2JsonAreRepairedOutsideStrings() {
        String broken = "{\"a\": [{\"type\": \"i32\"}{\"type\": \"f64\"} {\"x\": \"}{\\\"}{\"}]}";
        String fixed = new String(Wast.repairJson(broken.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertEquals("{\"a\": [{\"type\": \"i32\"},{\"type\": \"f64\"} ,{\"x\": \"}{\\\"}{\"}]}", fixed);
        String ok = "{\"commands\": [{\"n\": \"h\u00e9\"}, {\"n\": \"\u2211\"}]}";
        assertEquals(ok, new String(Wast.repairJson(ok.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }
}
