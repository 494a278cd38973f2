package io.payguard.payment.webhooks;

import io.vertx.core.json.JsonObject;

/**
 * How webhooks are delivered. {@code allowPrivateAddresses} / {@code allowHttp}: off in production (a URL
 * must be https and resolve to public addresses only); the tests and the local stack switch them on to
 * reach receivers on this machine. Retries: after attempt n, {@code firstRetryMs * 2^(n-1)} capped at
 * {@code maxRetryMs}, until {@code maxAttempts}.
 */
public record WebhookConfig(boolean allowPrivateAddresses, boolean allowHttp, int timeoutMs, int maxResponseBytes,
                            int maxAttempts, long firstRetryMs, long maxRetryMs, int rotationOverlapSeconds,
                            int maxOverlapSeconds, long pollIntervalMs, int batchSize, int concurrency, int perEndpoint,
                            int maxEndpoints, int eventRetentionDays) {

  public static WebhookConfig from(JsonObject json) {
    return new WebhookConfig(
      json.getBoolean("allowPrivateAddresses", false),
      json.getBoolean("allowHttp", false),
      json.getInteger("timeoutMs", 10_000),
      json.getInteger("maxResponseBytes", 65_536),
      json.getInteger("maxAttempts", 20),
      json.getLong("firstRetryMs", 10_000L),
      json.getLong("maxRetryMs", 3_600_000L),
      json.getInteger("rotationOverlapSeconds", 86_400),
      json.getInteger("maxOverlapSeconds", 604_800),
      json.getLong("pollIntervalMs", 1_000L),
      json.getInteger("batchSize", 100),
      json.getInteger("concurrency", 32),
      json.getInteger("perEndpoint", 16),
      json.getInteger("maxEndpoints", 100),
      json.getInteger("eventRetentionDays", 30));
  }

  /** When attempt {@code attempt} (1 for the first) failed: how long until the next, with ±20 % jitter. */
  public long retryDelayMs(int attempt, double random) {
    long base = firstRetryMs << Math.min(30, Math.max(0, attempt - 1));
    long capped = base <= 0 ? maxRetryMs : Math.min(base, maxRetryMs);
    return Math.round(capped * (0.8 + 0.4 * random));
  }
}
