package io.payguard.overload;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's protection against overload, one per process: created by the main verticle, shared by its
 * API instances. {@link #guard} puts, on a router, the deadline, the rate limits and the load shedder in
 * the order a request meets them (Stripe's order: rate limiter, concurrency limiter, load shedders).
 */
public final class Overload {

  private final OverloadConfig config;
  private final LoadSignals signals = new LoadSignals();
  private final FleetSize fleet;
  private final ConcurrentHashMap<String, RateLimiter.Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code schema}: where the fleet's heartbeats are kept. */
  public Overload(OverloadConfig config, String schema) {
    this.config = config;
    this.fleet = new FleetSize(schema);
  }

  public OverloadConfig config() {
    return config;
  }

  public LoadSignals signals() {
    return signals;
  }

  /** Starts counting the fleet (heartbeats in the service's schema). */
  public Future<Void> start(Vertx vertx, Pool pool, MeterRegistry metrics) {
    return fleet.start(vertx, pool, metrics);
  }

  public Future<Void> stop(Vertx vertx, Pool pool) {
    return fleet.stop(vertx, pool);
  }

  /** The pool as requests use it, within their deadlines. */
  public DeadlinePool pool(Vertx vertx, Pool pool) {
    return new DeadlinePool(vertx, pool, signals);
  }

  /** Deadlines and their failures; call first, before any other handler that may fail a request. */
  public void deadlines(Router router, Vertx vertx, MeterRegistry metrics) {
    Refusals refusals = new Refusals(metrics);
    router.route().failureHandler(ctx -> {
      if (!(ctx.failure() instanceof DeadlinePool.DeadlineExceeded)) {
        ctx.next();
      } else if (!ctx.response().ended()) {
        refusals.refuse(ctx, Refusals.Reason.DEADLINE, 1, "The request did not complete in time; nothing was"
          + " changed. Retry later.", "no database connection or result within the deadline");
      } // else: the deadline's own reply went out already
    });
    router.route().handler(new DeadlineHandler(vertx, config.deadlines(), refusals));
  }

  /** The rate limits per key and the load shedder; after the API key check, before the body is read. */
  public void limits(Router router, Vertx vertx, MeterRegistry metrics) {
    Refusals refusals = new Refusals(metrics);
    signals.probeEventLoop(vertx);
    router.route().handler(new RateLimiter(config.rateLimits(), fleet, refusals, buckets));
    router.route().handler(new LoadShedder(signals, config.shedding(), refusals));
  }
}
