package io.payguard.kafka;

import io.vertx.core.json.JsonObject;

/** How long a poll waits for records, and how a failed batch backs off before it is retried. */
public record ConsumerSettings(long pollTimeoutMs, long retryBackoffMs, long maxRetryBackoffMs) {

  public static ConsumerSettings from(JsonObject json) {
    return new ConsumerSettings(
      json.getLong("pollTimeoutMs", 200L),
      json.getLong("retryBackoffMs", 500L),
      json.getLong("maxRetryBackoffMs", 10_000L));
  }
}
