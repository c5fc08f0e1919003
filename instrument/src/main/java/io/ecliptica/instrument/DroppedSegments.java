package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Code;
import io.ecliptica.instrument.WasmModule.Data;
import java.util.ArrayList;
import java.util.List;

/**
 * The dropped-active-segment rule (docs/gas.md §15): the spec drops every active data segment at
 * instantiation, so a later {@code memory.init} naming one sees length 0, but Chicory 1.7.5 keeps
 * the bytes (docs/engine-quirks.md). Every {@code memory.init x} and {@code data.drop x} naming an
 * active segment is redirected to one appended empty passive segment, which every engine treats
 * exactly like a dropped one; so no engine's instantiation behaviour is relied on any more.
 */
final class DroppedSegments {

    private DroppedSegments() {}

    /**
     * {@code m} with the rule applied: a copy whose code names the appended segment instead of
     * active ones, or {@code m} itself when no {@code memory.init} or {@code data.drop} names an
     * active segment (then nothing is appended).
     */
    static WasmModule redirect(WasmModule m) {
        if (!namesActiveSegment(m)) {
            return m;
        }
        // a memory.init or data.drop requires the data count section, so it equals datas.size()
        long empty = m.datas.size();
        WasmModule out = m.copy();
        List<Code> codes = new ArrayList<>(m.codes.size());
        for (Code c : m.codes) {
            List<Instr> body = new ArrayList<>(c.body().size());
            for (Instr ins : c.body()) {
                body.add(namesActive(m, ins) ? ins.withA(empty) : ins);
            }
            codes.add(new Code(c.locals(), body, c.offset()));
        }
        out.codes = codes;
        out.datas.add(new Data(1, 0, null, new WasmModule.Bytes(new byte[0]), -1));
        out.dataCount = out.datas.size();
        return out;
    }

    private static boolean namesActiveSegment(WasmModule m) {
        for (Code c : m.codes) {
            for (Instr ins : c.body()) {
                if (namesActive(m, ins)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean namesActive(WasmModule m, Instr ins) {
        return (ins.op() == Op.MEMORY_INIT || ins.op() == Op.DATA_DROP) && m.datas.get((int) ins.a()).active();
    }
}
