package io.payguard.overload;

import io.vertx.core.Vertx;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How busy one service process is, read by the load shedder on every request: requests in flight, how
 * long the request first in line for a database connection has waited, how late the event loops run
 * their timers, and (payment service, optional) how long the oldest undecided payment has waited. Shared
 * by the API instances.
 */
public final class LoadSignals {

  private static final long PROBE_EVERY_MS = 100;

  private final AtomicInteger inFlight = new AtomicInteger();
  /** When each request now waiting for a connection began to wait; the pool serves them in order. */
  private final ConcurrentLinkedQueue<Long> connectionWaits = new ConcurrentLinkedQueue<>();
  private final AtomicLong loopDelayMs = new AtomicLong();
  private volatile LongSupplier decisionLagSeconds = () -> 0;

  public AtomicInteger inFlight() {
    return inFlight;
  }

  /** {@link DeadlinePool}: a request begins to wait for a connection. */
  void waiting(long sinceNanos) {
    connectionWaits.add(sinceNanos);
  }

  /** {@link DeadlinePool}: a request has its connection, or the pool's failure. */
  void served() {
    connectionWaits.poll();
  }

  /**
   * How long the first request in line for a connection has waited: a time, unlike the queue's length,
   * so it means the same whatever the pool's size and the statements' speed.
   */
  public long connectionWaitMs(long nowNanos) {
    Long since = connectionWaits.peek();
    return since == null ? 0 : Math.max(0, (nowNanos - since) / 1_000_000);
  }

  public long loopDelayMs() {
    return loopDelayMs.get();
  }

  public long decisionLagSeconds() {
    return decisionLagSeconds.getAsLong();
  }

  public void decisionLag(LongSupplier seconds) {
    this.decisionLagSeconds = seconds;
  }

  /**
   * Measures, on the calling verticle's event loop, how late a timer due every 100 ms fires: the loop's
   * delay. The largest of the last probe of each loop wins for a second.
   */
  public long probeEventLoop(Vertx vertx) {
    long[] due = {System.nanoTime() + PROBE_EVERY_MS * 1_000_000};
    return vertx.setPeriodic(PROBE_EVERY_MS, t -> {
      long now = System.nanoTime();
      long late = Math.max(0, (now - due[0]) / 1_000_000);
      due[0] = now + PROBE_EVERY_MS * 1_000_000;
      loopDelayMs.accumulateAndGet(late, (old, fresh) -> fresh >= old ? fresh : (long) (old * 0.8 + fresh * 0.2));
    });
  }
}
