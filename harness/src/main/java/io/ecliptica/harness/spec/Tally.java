package io.ecliptica.harness.spec;

import java.util.List;

/** Pass / fail / skip counts. */
public record Tally(long pass, long fail, long skip) {
    public static final Tally ZERO = new Tally(0, 0, 0);

    public static Tally of(List<Outcome> outcomes) {
        long p = 0;
        long f = 0;
        long s = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case PASS -> p++;
                case FAIL -> f++;
                case SKIP -> s++;
            }
        }
        return new Tally(p, f, s);
    }

    public Tally plus(Tally t) {
        return new Tally(pass + t.pass, fail + t.fail, skip + t.skip);
    }

    public long total() {
        return pass + fail + skip;
    }

    @Override
    public String toString() {
        return pass + "/" + fail + "/" + skip;
    }
}
