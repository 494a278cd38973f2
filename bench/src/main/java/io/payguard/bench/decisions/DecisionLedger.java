package io.payguard.bench.decisions;

import io.payguard.bench.load.LatencySummary;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Every payment the API accepted, and when its decision was first seen. The two sides are joined only
 * when asked, because a decision can be observed before the 201 that announced its payment has been
 * processed here. End-to-end time is observation minus the payment's INTENDED send time (same clock).
 * Thread-safe: replies land on the event loop, decisions on the Kafka or polling thread.
 */
public final class DecisionLedger {

  private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
  private final Map<String, Long> decided = new ConcurrentHashMap<>();
  private final AtomicLong repeated = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();

  private record Accepted(long intendedNanos, boolean measured) {
  }

  public void accepted(String paymentId, long intendedNanos, boolean measured) {
    accepted.put(paymentId, new Accepted(intendedNanos, measured));
  }

  /** A decision seen on the wire; later sightings of the same payment count as repeats, not new decisions. */
  public void decided(String paymentId, long observedNanos) {
    if (decided.putIfAbsent(paymentId, observedNanos) != null) {
      repeated.incrementAndGet();
    }
  }

  /** A message on the decisions topic without a payment id. */
  public void unreadable() {
    unreadable.incrementAndGet();
  }

  public boolean isAccepted(String paymentId) {
    return accepted.containsKey(paymentId);
  }

  public boolean isDecided(String paymentId) {
    return decided.containsKey(paymentId);
  }

  public long missing() {
    return accepted.keySet().stream().filter(id -> !decided.containsKey(id)).count();
  }

  public Summary summary() {
    Histogram micros = LatencySummary.newMicrosHistogram();
    long assessed = 0;
    long missing = 0;
    for (Map.Entry<String, Accepted> payment : accepted.entrySet()) {
      Long seen = decided.get(payment.getKey());
      if (seen == null) {
        missing++;
        continue;
      }
      assessed++;
      if (payment.getValue().measured()) {
        micros.recordValue(Math.max(0, (seen - payment.getValue().intendedNanos()) / 1000));
      }
    }
    // Decisions about payments this run did not make: another client's, or a late one of an earlier run.
    long foreign = decided.keySet().stream().filter(id -> !accepted.containsKey(id)).count();
    return new Summary(accepted.size(), assessed, missing, repeated.get(), foreign, unreadable.get(),
      LatencySummary.ofMicros(micros));
  }

  /**
   * @param accepted every payment accepted during the run, warm-up included
   * @param repeated decisions seen more than once for one payment (redeliveries; the payment still moved once)
   * @param latency end-to-end of the measured window's payments only
   */
  public record Summary(long accepted, long assessed, long missing, long repeated, long foreign, long unreadable,
                        LatencySummary latency) {

    public JsonObject toJson() {
      return new JsonObject().put("accepted", accepted).put("assessed", assessed).put("missing", missing)
        .put("repeated_decisions", repeated).put("foreign_decisions", foreign)
        .put("unreadable_messages", unreadable).put("latency_ms", latency.toJson());
    }
  }
}
