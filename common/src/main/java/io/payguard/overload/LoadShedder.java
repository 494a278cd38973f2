package io.payguard.overload;

import io.vertx.ext.web.RoutingContext;

/**
 * Router-wide, after the rate limits: refuses new work at once (503, {@code Retry-After}) when the process
 * is saturated, rather than queue it behind work it cannot finish in time. Utilisation is the highest of
 * in-flight requests, connection waiters and event-loop delay, each against its bound: from 50 % reads
 * (lists, a payment, the docs) are refused, from 80 % other writes, from 100 % payment writes too, so that
 * creating and resolving payments keeps the capacity. With a decision lag bound, new payments are refused
 * while the oldest undecided payment waits longer: no backlog is built that the risk service cannot drain.
 */
public final class LoadShedder extends Guard {

  /** What a request costs the business if refused. */
  enum Priority {
    CRITICAL(1.0), NORMAL(0.8), LOW(0.5);

    final double shedAt;

    Priority(double shedAt) {
      this.shedAt = shedAt;
    }

    /** Payment writes are critical, other writes normal, everything else low. */
    static Priority of(String route) {
      if (!route.startsWith("POST ") && !route.startsWith("PUT ") && !route.startsWith("DELETE ")
        && !route.startsWith("PATCH ")) {
        return LOW;
      }
      if (route.startsWith("POST /payments")) {
        return CRITICAL;
      }
      return route.equals("POST /rules/simulate") ? LOW : NORMAL;
    }
  }

  private final LoadSignals signals;
  private final OverloadConfig.Shedding bounds;
  private final Refusals refusals;

  public LoadShedder(LoadSignals signals, OverloadConfig.Shedding bounds, Refusals refusals) {
    this.signals = signals;
    this.bounds = bounds;
    this.refusals = refusals;
  }

  @Override
  void guard(RoutingContext ctx, String route) {
    Priority priority = Priority.of(route);
    double utilisation = utilisation();
    if (utilisation >= priority.shedAt) {
      refusals.refuse(ctx, Refusals.Reason.SHED, 1, "The service is saturated; retry in a moment.");
      return;
    }
    if (priority == Priority.CRITICAL && route.equals("POST /payments") && bounds.maxDecisionLagSeconds() > 0
      && signals.decisionLagSeconds() > bounds.maxDecisionLagSeconds()) {
      refusals.refuse(ctx, Refusals.Reason.DECISION_LAG, 5, "Payments are being decided late; retry in a moment.");
      return;
    }
    signals.inFlight().incrementAndGet();
    ctx.addEndHandler(done -> signals.inFlight().decrementAndGet());
    ctx.next();
  }

  double utilisation() {
    return Math.max((double) signals.inFlight().get() / bounds.maxInFlight(),
      Math.max((double) signals.poolWaiters().get() / bounds.maxPoolWaiters(),
        (double) signals.loopDelayMs() / bounds.maxEventLoopDelayMs()));
  }
}
