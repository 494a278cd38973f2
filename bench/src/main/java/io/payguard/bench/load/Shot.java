package io.payguard.bench.load;

import io.vertx.core.Future;

/** Sends request number {@code index} of a run; completes with the HTTP status, fails if none came. */
@FunctionalInterface
public interface Shot {
  Future<Integer> fire(long index, long intendedNanos, boolean measured);
}
