package io.payguard.kafka;

import io.vertx.core.json.JsonObject;

/**
 * How long a poll waits for records, how the broker gathers a fetch, and how a failed batch backs off
 * before it is retried. A fetch answered as soon as one record exists makes batches of a few records,
 * each paying for its own fetch, transaction and offset commit; letting the broker wait up to
 * {@code fetchMaxWaitMs} for {@code fetchMinBytes} makes batches that pay those costs once for many
 * records, at the price of at most that wait when traffic is light. {@code maxPollRecords} bounds a
 * batch, and so how long its one transaction stays open.
 */
public record ConsumerSettings(long pollTimeoutMs, int maxPollRecords, int fetchMinBytes, int fetchMaxWaitMs,
                               long retryBackoffMs, long maxRetryBackoffMs) {

  public static ConsumerSettings from(JsonObject json) {
    return new ConsumerSettings(
      json.getLong("pollTimeoutMs", 200L),
      json.getInteger("maxPollRecords", 500),
      json.getInteger("fetchMinBytes", 1),
      json.getInteger("fetchMaxWaitMs", 500),
      json.getLong("retryBackoffMs", 500L),
      json.getLong("maxRetryBackoffMs", 10_000L));
  }
}
