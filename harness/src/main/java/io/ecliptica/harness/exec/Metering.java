package io.ecliptica.harness.exec;

import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.abi.CallerGas;
import io.ecliptica.harness.abi.HostSignal;
import java.util.List;

/**
 * The host side of the metering contract (docs/gas.md, "Host contract"): the imports a metered
 * module adds, and the exports through which the host sets and reads its remaining gas.
 */
public final class Metering {
    public static final String HOST_MODULE = "__ecliptica";
    public static final String GAS_SET = "__ecliptica_gas_set";
    public static final String GAS_LEFT = "__ecliptica_gas_left";
    public static final String START = "__ecliptica_start";

    private static final FunctionType NOTHING = new FunctionType(List.of(), List.of());

    public static final List<HostImport> IMPORTS = List.of(
            new HostImport(HOST_MODULE, "out_of_gas", NOTHING, (m, a) -> {
                throw new HostSignal.OutOfGas();
            }),
            new HostImport(HOST_MODULE, "stack_exhausted", NOTHING, (m, a) -> {
                throw new HostSignal.StackExhausted();
            }));


    private Metering() {
    }

    public static void setGas(ModuleInstance instance, long gas) {
        instance.call(GAS_SET, WasmValue.i64(gas));
    }

    /**
     * Gas a call of {@code instance} used out of {@code limit}, by docs/gas.md §2: exact after a
     * normal end, a revert and an abort, which come back through a sync point; the whole limit
     * after any other failure, when the gas global is not exact.
     */
    public static long gasUsed(ModuleInstance instance, long limit, RuntimeException failure) {
        boolean exact = failure == null || failure instanceof HostSignal.Revert || failure instanceof HostSignal.Abort;
        return exact ? limit - gasLeft(instance) : limit;
    }

    /**
     * The instance's gas as its host functions see it: a re-entrant call of the gas accessors
     * from inside a host call, where the gas global is exact and re-read when the call returns.
     */
    public static CallerGas callerGas(ModuleInstance instance) {
        return new CallerGas() {
            @Override
            public boolean metered() {
                return true;
            }

            @Override
            public long left() {
                return gasLeft(instance);
            }

            @Override
            public void set(long gas) {
                setGas(instance, gas);
            }
        };
    }

    public static long gasLeft(ModuleInstance instance) {
        WasmValue[] left = instance.call(GAS_LEFT);
        if (left.length != 1 || left[0].type() != ValueType.I64) {
            throw new IllegalStateException(GAS_LEFT + " must return one i64");
        }
        return left[0].asI64();
    }
}
