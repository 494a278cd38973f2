package io.payguard.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * Where a service listens, how much it accepts in one request, how many instances of its API verticle
 * serve (one per event loop at most; default: one per core), and which web origins' pages may call it
 * from a browser (the console's; none by default).
 */
public record HttpConfig(String host, int port, long maxBodyBytes, int instances, List<String> corsOrigins) {

  public HttpConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  public static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      json.getString("host", "0.0.0.0"),
      json.getInteger("port", 8000),
      json.getLong("maxBodyBytes", 64 * 1024L),
      Math.max(1, json.getInteger("instances", Runtime.getRuntime().availableProcessors())),
      Arrays.stream(json.getString("corsOrigins", "").split(",")).map(String::trim).filter(o -> !o.isEmpty())
        .toList());
  }
}
