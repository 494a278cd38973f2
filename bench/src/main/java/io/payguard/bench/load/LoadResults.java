package io.payguard.bench.load;

import io.vertx.core.json.JsonObject;

/** The JSON form of what {@link LoadRecorder} measured, the part every HTTP scenario shares. */
public final class LoadResults {

  private LoadResults() {
  }

  public static JsonObject toJson(LoadRecorder.Snapshot s) {
    JsonObject errors = new JsonObject();
    s.errors().forEach(errors::put);
    return new JsonObject()
      .put("sent_including_warmup", s.sent())
      .put("measured_requests", s.measured())
      .put("accepted", s.accepted())
      .put("accepted_per_s", Math.round(s.acceptedPerSecond() * 10) / 10.0)
      .put("latency_ms", s.latency().toJson())
      .put("errors", errors)
      .put("error_count", s.errorCount())
      .put("refusal_latency_ms", s.refusals().toJson())
      .put("sender_lag_ms", s.senderLag().toJson());
  }
}
