package io.payguard.overload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.ProblemException;
import io.payguard.http.ProblemResponses;
import io.payguard.http.RequestIds;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every request turned away to protect the service, counted and logged the same way:
 * {@code payguard_http_refused_total{reason, key, route}} (the key's name, the route with ids replaced)
 * and one log line, then the problem reply with {@code Retry-After}.
 */
public final class Refusals {

  /** Why a request was refused. */
  public enum Reason {
    DEADLINE, SHED, DECISION_LAG, RATE, CONCURRENCY;

    String label() {
      return name().toLowerCase();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
  private static final Pattern UUID_SEGMENT = Pattern.compile(
    "/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)");

  private final MeterRegistry metrics;

  public Refusals(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /**
   * Replies 503 (or 429 for the rate and concurrency limits) with Retry-After of {@code retryAfterSeconds}
   * and {@code detail}; {@code cause} (which bound, at what value) is for the operator's log only.
   */
  public void refuse(RoutingContext ctx, Reason reason, long retryAfterSeconds, String detail, String cause) {
    String key = ApiKeyAuth.keyName(ctx);
    String route = route(ctx);
    Counter.builder("payguard.http.refused").tag("reason", reason.label()).tag("key", key).tag("route", route)
      .description("Requests refused to protect the service: deadline, shed, decision_lag, rate, concurrency")
      .register(metrics).increment();
    LOG.atInfo().addKeyValue("request_id", RequestIds.of(ctx)).addKeyValue("reason", reason.label())
      .addKeyValue("key", key).addKeyValue("route", route).addKeyValue("cause", cause).log("request refused");
    boolean limit = reason == Reason.RATE || reason == Reason.CONCURRENCY;
    ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
    ProblemResponses.send(ctx, limit
      ? new ProblemException(429, "rate-limited", "Too many requests", detail, List.of())
      : new ProblemException(503, reason == Reason.DEADLINE ? "deadline-exceeded" : "overloaded",
        "Service unavailable", detail, List.of()));
  }

  /**
   * Probes are never refused, cut short or counted: {@code /health/*} and {@code /metrics} must tell the
   * truth about a busy service, and have timeouts of their own.
   */
  static boolean isProbe(RoutingContext ctx) {
    String path = route(ctx);
    return path.startsWith("GET /health") || path.equals("GET /metrics");
  }

  /** {@code METHOD /path} with every UUID segment as {@code {id}}: a bounded set of labels. */
  static String route(RoutingContext ctx) {
    String path;
    try {
      path = ctx.normalizedPath() == null ? ctx.request().path() : ctx.normalizedPath();
    } catch (RuntimeException undecodable) {
      path = ctx.request().path(); // a broken % escape: the router answers it with a 400 further on
    }
    return ctx.request().method().name() + " " + UUID_SEGMENT.matcher(path).replaceAll("/{id}");
  }
}
