package io.payguard.overload;

import io.vertx.ext.web.RoutingContext;

/**
 * Router-wide, after the rate limits: refuses new work at once (503, {@code Retry-After}) when the process
 * is saturated, rather than queue it behind work it cannot finish in time. Utilisation is the highest of
 * in-flight requests, the connection wait and event-loop delay, each against its bound: from 50 % reads
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
    Saturation busiest = busiest();
    if (busiest.utilisation() >= priority.shedAt) {
      refusals.refuse(ctx, Refusals.Reason.SHED, 1, "The service is saturated; retry in a moment.",
        busiest + ", " + priority.name().toLowerCase() + " traffic shed from " + Math.round(priority.shedAt * 100) + " %");
      return;
    }
    if (priority == Priority.CRITICAL && route.equals("POST /payments") && bounds.maxDecisionLagSeconds() > 0) {
      long lag = signals.decisionLagSeconds();
      if (lag > bounds.maxDecisionLagSeconds()) {
        refusals.refuse(ctx, Refusals.Reason.DECISION_LAG, 5, "Payments are being decided late; retry in a moment.",
          "oldest undecided payment " + lag + " s old, bound " + bounds.maxDecisionLagSeconds() + " s");
        return;
      }
    }
    signals.inFlight().incrementAndGet();
    HeldSlots.hold(ctx, () -> signals.inFlight().decrementAndGet());
    ctx.next();
  }

  /** The signal nearest its bound. */
  Saturation busiest() {
    Saturation inFlight = new Saturation("requests in flight", signals.inFlight().get(), bounds.maxInFlight());
    Saturation waiters = new Saturation("connection wait ms", signals.connectionWaitMs(System.nanoTime()),
      bounds.maxConnectionWaitMs());
    Saturation loop = new Saturation("event-loop delay ms", signals.loopDelayMs(), bounds.maxEventLoopDelayMs());
    Saturation busiest = inFlight.utilisation() >= waiters.utilisation() ? inFlight : waiters;
    return busiest.utilisation() >= loop.utilisation() ? busiest : loop;
  }

  /** One load signal against its bound. */
  record Saturation(String signal, long value, long bound) {

    double utilisation() {
      return (double) value / bound;
    }

    @Override
    public String toString() {
      return signal + " " + value + " of " + bound;
    }
  }
}
