package io.payguard.bench.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one run measured. Latency is completion time minus INTENDED send time; only requests whose
 * intended time falls inside the measured window count (the warm-up is sent, answered and ignored).
 * Synchronized: replies may complete on any event loop, and the cost is nothing next to an HTTP call.
 */
public final class LoadRecorder {

  private final Histogram acceptedMicros = LatencySummary.newMicrosHistogram();
  private final Histogram senderLagMicros = LatencySummary.newMicrosHistogram();
  /** How fast a refusal (429, 503) came: a service that sheds load should say no in milliseconds. */
  private final Histogram refusedMicros = LatencySummary.newMicrosHistogram();
  private final Map<String, Long> errors = new TreeMap<>();
  private long sent;
  private long measured;
  private long accepted;
  private long firstMeasuredIntended = Long.MAX_VALUE;
  private long lastMeasuredCompletion = Long.MIN_VALUE;

  /**
   * The sender's own delay: how late after its intended time a request went out (generator health; it is
   * part of the latency either way). Recorded for the measured window only, like everything else.
   */
  public synchronized void sent(boolean inWindow, long intendedNanos, long actualNanos) {
    sent++;
    if (!inWindow) {
      return;
    }
    senderLagMicros.recordValue(Math.max(0, (actualNanos - intendedNanos) / 1000));
  }

  public synchronized void replied(boolean inWindow, long intendedNanos, long completedNanos, int status) {
    if (!inWindow) {
      return;
    }
    window(intendedNanos, completedNanos);
    if (Outcomes.accepted(status)) {
      accepted++;
      acceptedMicros.recordValue(Math.max(0, (completedNanos - intendedNanos) / 1000));
    } else {
      errors.merge(Outcomes.of(status), 1L, Long::sum);
      if (status == 429 || status == 503) {
        refusedMicros.recordValue(Math.max(0, (completedNanos - intendedNanos) / 1000));
      }
    }
  }

  public synchronized void failed(boolean inWindow, long intendedNanos, long completedNanos, Throwable failure) {
    if (!inWindow) {
      return;
    }
    window(intendedNanos, completedNanos);
    errors.merge(Outcomes.of(failure), 1L, Long::sum);
  }

  private void window(long intendedNanos, long completedNanos) {
    measured++;
    firstMeasuredIntended = Math.min(firstMeasuredIntended, intendedNanos);
    lastMeasuredCompletion = Math.max(lastMeasuredCompletion, completedNanos);
  }

  /**
   * Accepted per second over the time the measured requests really took: the window itself or, when the
   * server fell behind and answered after it ended, until the last measured reply. Counting accepted
   * requests against the window alone would report the offered rate for a server that only queues.
   */
  public synchronized double acceptedPerSecond(long windowNanos) {
    if (measured == 0) {
      return 0;
    }
    long took = Math.max(windowNanos, lastMeasuredCompletion - firstMeasuredIntended);
    return accepted / (took / 1e9);
  }

  public synchronized Snapshot snapshot(long windowNanos) {
    return new Snapshot(sent, measured, accepted, acceptedPerSecond(windowNanos), LatencySummary.ofMicros(acceptedMicros),
      LatencySummary.ofMicros(senderLagMicros), LatencySummary.ofMicros(refusedMicros), new TreeMap<>(errors));
  }

  /** @param sent every request sent, warm-up included; the rest only the measured window */
  public record Snapshot(long sent, long measured, long accepted, double acceptedPerSecond, LatencySummary latency,
                         LatencySummary senderLag, LatencySummary refusals, Map<String, Long> errors) {

    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
