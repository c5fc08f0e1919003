package io.ecliptica.harness.fuzz.campaign;

import io.ecliptica.engine.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The function exports of a binary module with their signatures, read from the type, import,
 * function and export sections (in export order). Only what a case needs to call a bundled
 * contract; a module this reader does not understand has no exports for it.
 */
final class ExportReader {
    private final byte[] in;
    private int pos;

    private ExportReader(byte[] in) {
        this.in = in;
    }

    static List<ExportedFunction> read(byte[] wasm) {
        try {
            return new ExportReader(wasm).parse();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    private List<ExportedFunction> parse() {
        pos = 8;
        List<List<List<ValueType>>> types = new ArrayList<>();
        List<Integer> funcTypes = new ArrayList<>();
        List<ExportedFunction> out = new ArrayList<>();
        while (pos < in.length) {
            int id = in[pos++] & 0xff;
            int size = (int) leb();
            int end = pos + size;
            switch (id) {
                case 1 -> {
                    for (long n = leb(); n > 0; n--) {
                        pos++; // 0x60
                        List<ValueType> params = valueTypes();
                        List<ValueType> results = valueTypes();
                        types.add(List.of(params, results));
                    }
                }
                case 2 -> {
                    for (long n = leb(); n > 0; n--) {
                        name();
                        name();
                        int kind = in[pos++] & 0xff;
                        switch (kind) {
                            case 0 -> funcTypes.add((int) leb());
                            case 1 -> {
                                pos++;
                                limits();
                            }
                            case 2 -> limits();
                            case 3 -> pos += 2;
                            default -> throw new IllegalStateException("import kind " + kind);
                        }
                    }
                }
                case 3 -> {
                    for (long n = leb(); n > 0; n--) {
                        funcTypes.add((int) leb());
                    }
                }
                case 7 -> {
                    for (long n = leb(); n > 0; n--) {
                        String name = name();
                        int kind = in[pos++] & 0xff;
                        int index = (int) leb();
                        if (kind == 0) {
                            List<List<ValueType>> t = types.get(funcTypes.get(index));
                            out.add(new ExportedFunction(name, t.get(0), t.get(1)));
                        }
                    }
                }
                default -> { }
            }
            pos = end;
        }
        return out;
    }

    private List<ValueType> valueTypes() {
        List<ValueType> out = new ArrayList<>();
        for (long n = leb(); n > 0; n--) {
            int code = in[pos++] & 0xff;
            out.add(switch (code) {
                case 0x7f -> ValueType.I32;
                case 0x7e -> ValueType.I64;
                case 0x7d -> ValueType.F32;
                case 0x7c -> ValueType.F64;
                default -> throw new IllegalStateException("value type " + code);
            });
        }
        return out;
    }

    private void limits() {
        int flag = in[pos++] & 0xff;
        leb();
        if ((flag & 1) != 0) {
            leb();
        }
    }

    private String name() {
        int n = (int) leb();
        String s = new String(in, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private long leb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = in[pos++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }
}
