package io.payguard.bench.load;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How a scenario is driven. Open model: {@code rate} requests per second whatever the replies do.
 * Closed model: {@code connections} loops, each sending its next request when the previous one returned.
 */
public record LoadPlan(Model model, double rate, int connections, Duration warmup, Duration duration,
                       Duration requestTimeout) {

  public enum Model { OPEN, CLOSED }

  public LoadPlan {
    if (model == Model.OPEN && !(rate > 0)) {
      throw new IllegalArgumentException("the open model needs --rate > 0");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("--connections must be at least 1");
    }
    if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
    }
  }

  /** A short name for files and tables: {@code open-500} or {@code closed-c16}. */
  public String label() {
    return model == Model.OPEN ? "open-" + trim(rate) : "closed-c" + connections;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("model", model.name().toLowerCase())
      .put("connections", connections).put("warmup_s", warmup.toMillis() / 1000.0)
      .put("duration_s", duration.toMillis() / 1000.0).put("request_timeout_s", requestTimeout.toMillis() / 1000.0);
    if (model == Model.OPEN) {
      json.put("offered_rate_per_s", rate);
    }
    return json;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
