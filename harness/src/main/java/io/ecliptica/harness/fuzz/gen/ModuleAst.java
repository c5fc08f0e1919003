package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.Arrays;
import java.util.List;

/**
 * A generated module before encoding. Host imports are not listed: the encoder imports exactly the
 * host functions that are called, in {@link HostFunc} order, so deleting the last call of one drops
 * its import. Defined functions are referenced by {@link Func#id()} (stable under deletion); their
 * index is their position after the imports. {@code memory} is null for a module without memory;
 * the table (when {@code tableSize > 0}) holds {@code tableElems} from index 0.
 */
public record ModuleAst(List<Func> funcs, List<Global> globals, Memory memory, int tableSize, List<Integer> tableElems,
        List<DataSegment> data, List<Export> exports) {

    public ModuleAst {
        funcs = List.copyOf(funcs);
        globals = List.copyOf(globals);
        tableElems = List.copyOf(tableElems);
        data = List.copyOf(data);
        exports = List.copyOf(exports);
    }

    /** {@code locals} are the declared locals after the parameters. */
    public record Func(int id, FuncSig sig, List<ValueType> locals, List<Node> body) {
        public Func {
            locals = List.copyOf(locals);
            body = List.copyOf(body);
        }

        public Func withBody(List<Node> newBody) {
            return new Func(id, sig, locals, newBody);
        }

        public ValueType localType(int index) {
            return index < sig.params().size() ? sig.params().get(index) : locals.get(index - sig.params().size());
        }
    }

    /** {@code init} is the raw bits of the constant initial value. */
    public record Global(ValueType type, boolean mutable, long init) {}

    /** Limits in pages; {@code maxPages} is -1 when absent. Exported as {@code memory} if {@code exported}. */
    public record Memory(int minPages, int maxPages, boolean exported) {}

    /** Active segments at {@code offset} of memory 0; passive ones for {@code memory.init}. */
    public record DataSegment(boolean passive, int offset, byte[] bytes) {
        public DataSegment {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DataSegment d && d.passive == passive && d.offset == offset && Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + offset * 2 + (passive ? 1 : 0);
        }

        @Override
        public String toString() {
            return "DataSegment[passive=" + passive + ", offset=" + offset + ", length=" + bytes.length + "]";
        }
    }

    public record Export(String name, int funcId) {}

    public Func func(int id) {
        for (Func f : funcs) {
            if (f.id() == id) {
                return f;
            }
        }
        throw new IllegalArgumentException("no function with id " + id);
    }

    public FuncSig sigOf(long id) {
        return HostFunc.isHost(id) ? HostFunc.ofId(id).sig : func((int) id).sig();
    }
}
