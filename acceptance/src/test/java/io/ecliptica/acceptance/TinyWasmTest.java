package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The hand assembler against the bytes {@code wat2wasm} 1.0.32 gave once, so run.feature needs no wabt. */
class TinyWasmTest {
    @Test
    void givesTheSameBytesAsWat2wasm() {
        // (module
        //   (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
        //   (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s))
        String wat2wasm = "0061736d01000000"
                + "010701" + "60027f7f017f"                       // type section: one type (i32 i32) -> i32
                + "0303020000"                                    // function section: two functions of type 0
                + "070d02" + "03616464" + "0000" + "03646976" + "0001" // exports "add" = func 0, "div" = func 1
                + "0a1102" + "0700200020016a0b" + "0700200020016d0b"; // code: local.get 0, local.get 1, add / div_s
        byte[] ours = new TinyWasm().binaryI32("add", TinyWasm.I32_ADD).binaryI32("div", TinyWasm.I32_DIV_S).bytes();
        assertEquals(wat2wasm, HexFormat.of().formatHex(ours));
    }
}
