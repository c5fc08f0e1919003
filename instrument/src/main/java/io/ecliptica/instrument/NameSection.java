package io.ecliptica.instrument;

import java.io.ByteArrayOutputStream;

/**
 * Renumbers the function indices of a {@code name} custom section after imports were added, and
 * the local indices after the stack-height parameter was inserted (docs/gas.md §Renumbering). Kept: subsection 0 (module name), 1 (function names) and 2 (local
 * names) renumbered, 4..9 (type, table, memory, global, element, data names) as they are. Dropped:
 * subsection 3 (label names: the injected blocks shift label numbering) and any other. A name
 * section that does not parse is dropped whole (engines ignore a malformed name section too).
 */
final class NameSection {
    private NameSection() {}

    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad() {
            super(null, null, false, false);
        }
    }

    private static final class In {
        final byte[] b;
        int pos;
        final int end;

        In(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int u8() {
            if (pos >= end) {
                throw new Bad();
            }
            return b[pos++] & 0xFF;
        }

        long u32() {
            long r = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8();
                r |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    if (r > 0xFFFF_FFFFL) {
                        throw new Bad();
                    }
                    return r;
                }
            }
            throw new Bad();
        }

        byte[] name() {
            long n = u32();
            if (n > end - pos) {
                throw new Bad();
            }
            byte[] out = new byte[(int) n];
            System.arraycopy(b, pos, out, 0, (int) n);
            pos += (int) n;
            return out;
        }
    }

    /** The renumbered payload (function indices only), or null to drop the section. */
    static byte[] renumber(byte[] payload, int importedFuncs, int shift) {
        return renumber(payload, importedFuncs, shift, null);
    }

    /**
     * The renumbered payload, or null to drop the section. {@code localsFrom}, if not null, gives
     * per output function index the first local index that moves up by one (the stack-height
     * parameter is inserted there).
     */
    static byte[] renumber(byte[] payload, int importedFuncs, int shift,
                           java.util.function.LongToIntFunction localsFrom) {
        try {
            Encoder.Out out = new Encoder.Out();
            In in = new In(payload, 0, payload.length);
            while (in.pos < payload.length) {
                int id = in.u8();
                long size = in.u32();
                if (size > payload.length - in.pos) {
                    return null;
                }
                int end = in.pos + (int) size;
                In sub = new In(payload, in.pos, end);
                Encoder.Out s = new Encoder.Out();
                boolean keep = true;
                switch (id) {
                    case 1 -> nameMap(sub, s, importedFuncs, shift);
                    case 2 -> {
                        long n = sub.u32();
                        s.u32(n);
                        for (long k = 0; k < n; k++) {
                            long f = sub.u32();
                            long g = f < importedFuncs ? f : f + shift;
                            s.u32(g);
                            nameMap(sub, s, localsFrom == null ? Integer.MAX_VALUE : localsFrom.applyAsInt(g),
                                    localsFrom == null ? 0 : 1);
                        }
                    }
                    case 0, 4, 5, 6, 7, 8, 9 -> {
                        s.write(payload, in.pos, (int) size);
                        sub.pos = end;
                    }
                    default -> {
                        keep = false;
                        sub.pos = end;
                    }
                }
                if (sub.pos != end) {
                    return null;
                }
                if (keep) {
                    out.u8(id);
                    out.u32(s.size());
                    out.raw(s.toByteArray());
                }
                in.pos = end;
            }
            return out.toByteArray();
        } catch (Bad e) {
            return null;
        }
    }

    private static void nameMap(In in, ByteArrayOutputStream raw, long importedFuncs, int shift) {
        Encoder.Out s = (Encoder.Out) raw;
        long n = in.u32();
        s.u32(n);
        for (long k = 0; k < n; k++) {
            long idx = in.u32();
            s.u32(idx < importedFuncs ? idx : idx + shift);
            byte[] name = in.name();
            s.u32(name.length);
            s.raw(name);
        }
    }
}
