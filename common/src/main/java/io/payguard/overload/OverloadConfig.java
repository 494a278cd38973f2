package io.payguard.overload;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * How a service protects itself and its clients from too much traffic or a frozen dependency (the
 * {@code overload} section of its configuration): a deadline for every request, load shedding by
 * priority, and rate limits per API key.
 */
public record OverloadConfig(Deadlines deadlines, Shedding shedding, RateLimits rateLimits) {

  /** How long a request may take: reads, writes, and routes of their own ({@code "POST /rules/simulate"}). */
  public record Deadlines(long readMs, long writeMs, Map<String, Long> routes) {

    /** The deadline of a request to {@code route}: {@code "METHOD /path"}, ids as {@code {id}}. */
    public long forRoute(String route) {
      Long own = routes.get(route);
      if (own != null) {
        return own;
      }
      return route.startsWith("GET ") || route.startsWith("HEAD ") ? readMs : writeMs;
    }
  }

  /**
   * When the service refuses new work rather than queue it: above half of any bound it sheds reads, above
   * 80 % other writes, at the bound payment writes too. {@code maxDecisionLagSeconds} (0: off) sheds new
   * payments while the oldest undecided one waits longer than that.
   */
  public record Shedding(int maxInFlight, long maxConnectionWaitMs, long maxEventLoopDelayMs, long maxDecisionLagSeconds) {
  }

  /** Requests per second and requests at once for one API key, for the whole fleet of a service. */
  public record Limit(int perSecond, int concurrent) {
  }

  /** {@code defaults} for every key, {@code keys} by key name. */
  public record RateLimits(Limit defaults, Map<String, Limit> keys) {

    public Limit of(String keyName) {
      return keys.getOrDefault(keyName, defaults);
    }
  }

  public static OverloadConfig from(JsonObject json) {
    JsonObject deadlines = json.getJsonObject("deadlines", new JsonObject());
    Map<String, Long> routes = new HashMap<>();
    deadlines.getJsonObject("routes", new JsonObject()).forEach(e -> routes.put(e.getKey(), ((Number) e.getValue()).longValue()));
    JsonObject shedding = json.getJsonObject("shedding", new JsonObject());
    JsonObject rate = json.getJsonObject("rateLimits", new JsonObject());
    Map<String, Limit> keys = new HashMap<>();
    rate.getJsonObject("keys", new JsonObject()).forEach(e -> keys.put(e.getKey(), limit((JsonObject) e.getValue())));
    return new OverloadConfig(
      new Deadlines(deadlines.getLong("readMs", 1_000L), deadlines.getLong("writeMs", 2_000L), Map.copyOf(routes)),
      new Shedding(shedding.getInteger("maxInFlight", 512), shedding.getLong("maxConnectionWaitMs", 1000L),
        shedding.getLong("maxEventLoopDelayMs", 500L), shedding.getLong("maxDecisionLagSeconds", 0L)),
      new RateLimits(limit(rate.getJsonObject("default", new JsonObject())), Map.copyOf(keys)));
  }

  private static Limit limit(JsonObject json) {
    return new Limit(json.getInteger("perSecond", 1_000), json.getInteger("concurrent", 128));
  }
}
