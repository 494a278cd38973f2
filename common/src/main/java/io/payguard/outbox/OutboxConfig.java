package io.payguard.outbox;

import io.vertx.core.json.JsonObject;

/** How much the relay publishes per transaction and how often it looks when nobody wakes it. */
public record OutboxConfig(int batchSize, long pollIntervalMs) {

  public static OutboxConfig from(JsonObject json) {
    return new OutboxConfig(json.getInteger("batchSize", 500), json.getLong("pollIntervalMs", 250L));
  }
}
