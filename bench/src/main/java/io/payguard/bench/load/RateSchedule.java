package io.payguard.bench.load;

/**
 * When each request of an open-model run is MEANT to be sent: request {@code i} at
 * {@code start + i / rate}, independent of when earlier replies came back. Latency is measured from this
 * intended time, so a server that stalls is charged for every request that should have gone out during
 * the stall (no coordinated omission), and a late sender (GC, busy cores) shows up as latency too.
 */
public record RateSchedule(long startNanos, double perSecond) {

  public RateSchedule {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, got " + perSecond);
    }
  }

  /** Intended send time of request {@code index} (0-based), on the {@link System#nanoTime()} clock. */
  public long intendedNanos(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index " + index);
    }
    return startNanos + (long) Math.floor(index * 1e9 / perSecond);
  }

  /**
   * How many requests are due by {@code nowNanos}: the number of indexes whose intended time is at or
   * before it. Starts from the floating-point estimate and then steps to the exact boundary, so it agrees
   * with {@link #intendedNanos} for every index (no request skipped or sent twice at a rounding edge).
   */
  public long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long count = (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
    while (count > 0 && intendedNanos(count - 1) > nowNanos) {
      count--;
    }
    while (intendedNanos(count) <= nowNanos) {
      count++;
    }
    return count;
  }

  /** Number of requests intended strictly before {@code nanos}: the size of a warm-up or of a whole run. */
  public long countBefore(long nanos) {
    return dueBy(nanos - 1);
  }
}
