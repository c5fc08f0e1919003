package io.ecliptica.harness.crypto;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a spending key signs for a transaction ({@code docs/privacy.md} §6.3). {@link #encode()} is
 * the canonical byte layout:
 *
 * <pre>
 * "ecliptica/tx/v1" 0x00                 16 bytes
 * u64be chainId                           8
 * from                                   32
 * to                                     32
 * u64be nonce                             8
 * u64be gasLimit                          8
 * u16be len(function) || function UTF-8
 * u32be len(input)    || input
 * u16be count(args)   || per arg: valtype byte (i32 0x7f, i64 0x7e, f32 0x7d, f64 0x7c)
 *                        || bits big-endian (4 bytes for i32/f32, 8 for i64/f64)
 * </pre>
 *
 * The {@code long} fields are unsigned 64-bit numbers.
 */
public record TransactionPayload(long chainId, Bytes from, Bytes to, long nonce, long gasLimit, String function,
        Bytes input, List<WasmValue> args) {

    public TransactionPayload {
        Encoding.requireLength(from, 32, "from address");
        Encoding.requireLength(to, 32, "to address");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(input, "input");
        args = List.copyOf(args);
        if (function.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
            throw new IllegalArgumentException("function name longer than 65535 UTF-8 bytes");
        }
        if (args.size() > 0xFFFF) {
            throw new IllegalArgumentException("more than 65535 arguments");
        }
    }

    /** The canonical signing payload. */
    public Bytes encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Domain.TRANSACTION.prefix().toByteArray());
        out.writeBytes(Encoding.u64(chainId));
        out.writeBytes(from.toByteArray());
        out.writeBytes(to.toByteArray());
        out.writeBytes(Encoding.u64(nonce));
        out.writeBytes(Encoding.u64(gasLimit));
        byte[] name = function.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Encoding.u16(name.length));
        out.writeBytes(name);
        out.writeBytes(Encoding.u32(input.length()));
        out.writeBytes(input.toByteArray());
        out.writeBytes(Encoding.u16(args.size()));
        for (WasmValue v : args) {
            switch (v.type()) {
                case I32 -> { out.write(0x7f); out.writeBytes(Encoding.u32(v.bits())); }
                case I64 -> { out.write(0x7e); out.writeBytes(Encoding.u64(v.bits())); }
                case F32 -> { out.write(0x7d); out.writeBytes(Encoding.u32(v.bits())); }
                case F64 -> { out.write(0x7c); out.writeBytes(Encoding.u64(v.bits())); }
            }
        }
        return Bytes.of(out.toByteArray());
    }
}
