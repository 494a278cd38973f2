package io.payguard.config;

import io.vertx.core.json.JsonObject;

/**
 * Where a service listens, how much it accepts in one request, and how many instances of its API
 * verticle serve (one per event loop at most; default: one per core).
 */
public record HttpConfig(String host, int port, long maxBodyBytes, int instances) {

  public static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      json.getString("host", "0.0.0.0"),
      json.getInteger("port", 8000),
      json.getLong("maxBodyBytes", 64 * 1024L),
      Math.max(1, json.getInteger("instances", Runtime.getRuntime().availableProcessors())));
  }
}
