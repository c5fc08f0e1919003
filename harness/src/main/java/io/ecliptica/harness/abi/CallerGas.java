package io.ecliptica.harness.abi;

/**
 * The calling instance's remaining gas, read and written from inside a host function: the gas
 * global is exact inside every host call and re-read after it returns (docs/gas.md §2, §4), so
 * {@code call_contract} takes the forwarded gas out of it and charges the callee's use to it.
 */
public interface CallerGas {

    /** False under a profile that does not meter: nothing is forwarded or charged. */
    boolean metered();

    long left();

    void set(long gas);

    CallerGas UNMETERED = new CallerGas() {
        @Override
        public boolean metered() {
            return false;
        }

        @Override
        public long left() {
            return 0;
        }

        @Override
        public void set(long gas) {
        }
    };
}
