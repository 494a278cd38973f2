package io.payguard.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** The percentiles we report, in milliseconds, read from a histogram recorded in microseconds. */
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double p999, double max) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

  public static LatencySummary ofMicros(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(micros.getTotalCount(), ms(micros.getMean()),
      ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
      ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
  }

  /** A histogram wide enough for anything a run can produce (auto-resizing), 3 significant digits. */
  public static Histogram newMicrosHistogram() {
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }

  public JsonObject toJson() {
    return new JsonObject().put("count", count).put("mean", mean).put("p50", p50).put("p90", p90)
      .put("p99", p99).put("p99_9", p999).put("max", max);
  }

  public static LatencySummary fromJson(JsonObject json) {
    if (json == null) {
      return EMPTY;
    }
    return new LatencySummary(json.getLong("count", 0L), json.getDouble("mean", 0.0), json.getDouble("p50", 0.0),
      json.getDouble("p90", 0.0), json.getDouble("p99", 0.0), json.getDouble("p99_9", 0.0), json.getDouble("max", 0.0));
  }

  private static double ms(double micros) {
    return Math.round(micros) / 1000.0;
  }
}
