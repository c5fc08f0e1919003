package io.ecliptica.harness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void ranksFollowOneOverKToTheS() {
        int n = 10;
        Zipf zipf = new Zipf(n, 1.0);
        Rng rng = new Rng(7);
        int draws = 200_000;
        int[] count = new int[n];
        for (int i = 0; i < draws; i++) {
            count[zipf.sample(rng)]++;
        }
        // P(k) = (1/(k+1)) / H_10, H_10 = 7381/2520
        double h10 = 7381.0 / 2520.0;
        for (int k = 0; k < n; k++) {
            double expected = 1.0 / (k + 1) / h10;
            double actual = (double) count[k] / draws;
            assertEquals(expected, actual, 0.005, "frequency of rank " + k);
        }
    }

    @Test
    void aLargerExponentIsMoreSkewed() {
        Rng a = new Rng(1);
        Rng b = new Rng(1);
        Zipf mild = new Zipf(1000, 0.8);
        Zipf steep = new Zipf(1000, 1.4);
        int mildHot = 0;
        int steepHot = 0;
        for (int i = 0; i < 20_000; i++) {
            mildHot += mild.sample(a) < 10 ? 1 : 0;
            steepHot += steep.sample(b) < 10 ? 1 : 0;
        }
        assertTrue(steepHot > mildHot, "top-10 share: s=1.4 " + steepHot + ", s=0.8 " + mildHot);
    }
}
