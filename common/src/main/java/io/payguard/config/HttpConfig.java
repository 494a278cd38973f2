package io.payguard.config;

import io.vertx.core.json.JsonObject;

/** Where a service listens and how much it accepts in one request. */
public record HttpConfig(String host, int port, long maxBodyBytes) {

  public static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      json.getString("host", "0.0.0.0"),
      json.getInteger("port", 8000),
      json.getLong("maxBodyBytes", 64 * 1024L));
  }
}
