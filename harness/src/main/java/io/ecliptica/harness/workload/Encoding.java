package io.ecliptica.harness.workload;

import io.ecliptica.harness.state.Bytes;
import java.io.ByteArrayOutputStream;

/** Contract inputs: little-endian integers and raw bytes, concatenated (vectors/contracts/README.md). */
final class Encoding {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Encoding input() {
        return new Encoding();
    }

    Encoding u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Encoding u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Encoding bytes(Bytes b) {
        out.writeBytes(b.toByteArray());
        return this;
    }

    Encoding bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Bytes build() {
        return Bytes.of(out.toByteArray());
    }
}
