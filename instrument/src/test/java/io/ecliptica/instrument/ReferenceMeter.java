package io.ecliptica.instrument;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * An independent gas count for a RAW module: the sum, over every instruction the Chicory
 * interpreter executes, of its weight (docs/gas.md §3), plus the dynamic costs of §5 and the host
 * costs of §6, read from the operand stack at the instruction. For a call that ends normally, with
 * revert or with abort, the metered module must report exactly this (§4: every charged block ran
 * to its end, and every executed instruction belongs to a charged block or to a flat callee).
 * Only for profiles whose `end` and `else` weigh 0 (how the interpreter walks them does not count).
 */
final class ReferenceMeter implements ExecutionListener {
    private final WasmModule module;
    private final CostTable costs;
    private final int imported;
    long total;

    ReferenceMeter(byte[] rawWasm, Profile profile) {
        this.module = Decoder.decode(rawWasm);
        this.costs = profile.costs();
        this.imported = module.importedCount(WasmModule.K_FUNC);
        if (costs.weight(CostClass.STRUCTURE) != 0) {
            throw new IllegalArgumentException("end and else must weigh 0");
        }
    }

    @Override
    public void onExecution(Instruction ins, MStack stack) {
        Op op = Op.of(ins.opcode().opcode());
        if (op == null) {
            throw new IllegalStateException("unknown opcode " + ins.opcode());
        }
        total += costs.weight(op);
        long[] s = stack.array();
        int top = stack.size() - 1;
        switch (op) {
            case MEMORY_GROW -> total += (s[top] & 0xFFFF_FFFFL) * costs.memoryGrowPerPage();
            case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT -> total += (s[top] & 0xFFFF_FFFFL) * costs.bulkPerByte();
            case TABLE_INIT, TABLE_COPY -> total += (s[top] & 0xFFFF_FFFFL) * costs.tablePerElement();
            case CALL -> {
                long func = ins.operand(0);
                if (func < imported) {
                    HostCost h = Transformer.hostCost(module, costs, func);
                    if (h != null) {
                        total += h.base();
                        int n = module.functionType(func).params().size();
                        long bytes = 0;
                        for (int k : h.lengthParams()) {
                            bytes += s[top - n + 1 + k] & 0xFFFF_FFFFL;
                        }
                        total += bytes * h.perByte();
                    }
                }
            }
            default -> { }
        }
    }
}
