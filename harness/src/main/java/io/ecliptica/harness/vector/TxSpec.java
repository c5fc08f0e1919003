package io.ecliptica.harness.vector;

import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import java.util.Optional;

/** A transaction of a vector and, in a filled vector, its expected result. */
public record TxSpec(Transaction tx, Optional<CallResult> expect) {
}
