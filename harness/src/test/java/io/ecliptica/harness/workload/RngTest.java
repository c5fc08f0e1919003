package io.ecliptica.harness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void seedZeroGivesTheReferenceSplitMix64Outputs() {
        // the first outputs of Vigna's splitmix64.c from x = 0 (also reproduced with Python integers)
        Rng rng = new Rng(0);
        assertEquals(0xe220a8397b1dcdafL, rng.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, rng.nextLong());
        assertEquals(0x06c45d188009454fL, rng.nextLong());
    }

    @Test
    void boundedDrawsStayInRange() {
        Rng rng = new Rng(42);
        for (int i = 0; i < 10_000; i++) {
            int n = rng.nextInt(7);
            assertTrue(n >= 0 && n < 7, "nextInt(7) gave " + n);
            long b = rng.between(5, 9);
            assertTrue(b >= 5 && b <= 9, "between(5, 9) gave " + b);
            double d = rng.nextDouble();
            assertTrue(d >= 0 && d < 1, "nextDouble gave " + d);
        }
    }
}
