package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A generated (or reduced) module: its tree, binary, text form and exported entry points. Immutable. */
public final class GeneratedModule {

    /** An exported function the campaign can call with arguments of these types. */
    public record ExportedFunction(String name, List<ValueType> params, List<ValueType> results) {
        public ExportedFunction {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }
    }

    private final ModuleAst ast;
    private final byte[] wasm;
    private final SortedSet<String> opcodes;
    private final List<ExportedFunction> exports;

    private GeneratedModule(ModuleAst ast) {
        this.ast = ast;
        Lowering low = new Lowering(ast);
        this.wasm = BinaryEncoder.encode(low);
        TreeSet<String> ops = new TreeSet<>();
        for (List<Lowering.Flat> body : low.bodies) {
            for (Lowering.Flat f : body) {
                if (f.op().family != OpFamily.STRUCTURE) {
                    ops.add(f.op().mnemonic);
                }
            }
        }
        this.opcodes = Collections.unmodifiableSortedSet(ops);
        List<ExportedFunction> ex = new ArrayList<>();
        for (ModuleAst.Export e : ast.exports()) {
            FuncSig sig = ast.func(e.funcId()).sig();
            ex.add(new ExportedFunction(e.name(), sig.params(), sig.results()));
        }
        this.exports = List.copyOf(ex);
    }

    /**
     * The module for this tree.
     *
     * @throws IllegalStateException if the tree refers to a function or label that does not exist
     */
    public static GeneratedModule of(ModuleAst ast) {
        return new GeneratedModule(ast);
    }

    public ModuleAst ast() {
        return ast;
    }

    /** The binary module; the encoding is a pure function of {@link #ast()}. */
    public byte[] wasm() {
        return wasm.clone();
    }

    /** Size of the binary in bytes. */
    public int size() {
        return wasm.length;
    }

    public List<ExportedFunction> exports() {
        return exports;
    }

    /** Mnemonics of the instructions present in the code (not in constant expressions). */
    public SortedSet<String> opcodes() {
        return opcodes;
    }

    /** The host functions the module imports (those it calls), in {@link HostFunc} order. */
    public List<HostFunc> hostImports() {
        return new Lowering(ast).imports;
    }

    /** The text form; {@code wat2wasm} turns it into a valid module equivalent to {@link #wasm()}. */
    public String toWat() {
        return WatPrinter.print(new Lowering(ast));
    }
}
