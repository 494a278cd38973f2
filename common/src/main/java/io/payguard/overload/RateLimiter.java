package io.payguard.overload;

import io.payguard.http.ApiKeyAuth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Router-wide, after the API key check: each key's requests per second (a token bucket, one second of
 * burst) and requests at once, for the whole fleet. Each instance enforces its share, the limit divided
 * by {@link FleetSize}: with a load balancer that spreads a client's requests evenly the fleet admits the
 * limit (within one request per instance per second, and within 6 s of an instance joining or leaving);
 * a client pinned to one instance gets that instance's share. No shared counter on the request path.
 * Every keyed reply says where the key stands ({@code RateLimit-Policy}, {@code RateLimit}, IETF
 * draft-ietf-httpapi-ratelimit-headers); a refusal is a 429 with {@code Retry-After}.
 */
public final class RateLimiter implements Handler<RoutingContext> {

  private final OverloadConfig.RateLimits limits;
  private final FleetSize fleet;
  private final Refusals refusals;
  private final Map<String, Bucket> buckets;

  /** {@code buckets}: shared by every API instance of the process. */
  public RateLimiter(OverloadConfig.RateLimits limits, FleetSize fleet, Refusals refusals,
                     ConcurrentHashMap<String, Bucket> buckets) {
    this.limits = limits;
    this.fleet = fleet;
    this.refusals = refusals;
    this.buckets = buckets;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ApiKeyAuth.isOpen(Refusals.route(ctx).substring(ctx.request().method().name().length() + 1))) {
      ctx.next();
      return;
    }
    String key = ApiKeyAuth.keyName(ctx);
    OverloadConfig.Limit limit = limits.of(key);
    int instances = fleet.size();
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
    Bucket.Verdict verdict = bucket.take(limit.perSecond() / (double) instances,
      (limit.concurrent() + instances - 1) / instances, System.nanoTime());
    ctx.response()
      .putHeader("RateLimit-Policy", "\"rate\";q=" + limit.perSecond() + ";w=1, \"concurrency\";q=" + limit.concurrent()
        + ";qu=\"concurrent-requests\"")
      .putHeader("RateLimit", "\"rate\";r=" + Math.min(limit.perSecond(), verdict.remaining() * instances) + ";t=1");
    switch (verdict.outcome()) {
      case RATE -> refusals.refuse(ctx, Refusals.Reason.RATE, verdict.retryAfterSeconds(),
        "This API key is over " + limit.perSecond() + " requests per second.",
        instances + " instance(s), " + limit.perSecond() + "/s for the fleet");
      case CONCURRENCY -> refusals.refuse(ctx, Refusals.Reason.CONCURRENCY, 1,
        "This API key has " + limit.concurrent() + " requests in progress already.",
        instances + " instance(s), " + limit.concurrent() + " concurrent for the fleet");
      default -> {
        HeldSlots.hold(ctx, bucket::release);
        ctx.next();
      }
    }
  }

  /** One key's tokens and requests in progress on this instance. */
  public static final class Bucket {

    enum Outcome { ADMITTED, RATE, CONCURRENCY }

    record Verdict(Outcome outcome, int remaining, long retryAfterSeconds) {
    }

    private double tokens = -1;
    private long refilledAt;
    private int inProgress;

    synchronized Verdict take(double perSecond, int concurrent, long now) {
      double capacity = Math.max(1, perSecond);
      if (tokens < 0) {
        tokens = capacity;
        refilledAt = now;
      }
      tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens < 1) {
        return new Verdict(Outcome.RATE, 0, (long) Math.ceil((1 - tokens) / Math.max(perSecond, 1e-9)));
      }
      if (inProgress >= concurrent) {
        return new Verdict(Outcome.CONCURRENCY, (int) tokens, 1);
      }
      tokens -= 1;
      inProgress++;
      return new Verdict(Outcome.ADMITTED, (int) tokens, 0);
    }

    synchronized void release() {
      inProgress--;
    }
  }
}
