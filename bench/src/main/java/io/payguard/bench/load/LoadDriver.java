package io.payguard.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Runs a {@link Shot} as a {@link LoadPlan} says, on one event-loop context (so its counters need no
 * locks), and records every reply in a {@link LoadRecorder}. Completes when the last request sent has
 * been answered or has failed (the request timeout bounds that).
 */
public final class LoadDriver {

  /** Time between "go" and the first intended send, so the first requests are not late by construction. */
  private static final long LEAD_NANOS = 20_000_000L;

  private final Vertx vertx;
  private final LoadPlan plan;
  private final Shot shot;
  private final LoadRecorder recorder;
  private final Promise<Void> done = Promise.promise();
  private long next;
  private long inFlight;
  private boolean allSent;
  private long measureFrom;
  private long measureTo;

  private LoadDriver(Vertx vertx, LoadPlan plan, Shot shot, LoadRecorder recorder) {
    this.vertx = vertx;
    this.plan = plan;
    this.shot = shot;
    this.recorder = recorder;
  }

  /** @return the length of the measured window in nanoseconds, once everything was answered */
  public static Future<Long> run(Vertx vertx, LoadPlan plan, Shot shot, LoadRecorder recorder) {
    LoadDriver driver = new LoadDriver(vertx, plan, shot, recorder);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      long start = System.nanoTime() + LEAD_NANOS;
      driver.measureFrom = start + plan.warmup().toNanos();
      driver.measureTo = driver.measureFrom + plan.duration().toNanos();
      if (plan.model() == LoadPlan.Model.OPEN) {
        driver.open(new RateSchedule(start, plan.rate()));
      } else {
        vertx.setTimer(LEAD_NANOS / 1_000_000, t -> driver.closed(context));
      }
    });
    return driver.done.future().map(v -> plan.duration().toNanos());
  }

  private void open(RateSchedule schedule) {
    long total = schedule.countBefore(measureTo);
    // A 1 ms tick sends everything that has become due, so a late tick catches up instead of dropping load.
    vertx.setPeriodic(1, timer -> {
      long due = Math.min(total, schedule.dueBy(System.nanoTime()));
      while (next < due) {
        send(next, schedule.intendedNanos(next));
        next++;
      }
      if (next >= total) {
        vertx.cancelTimer(timer);
        allSent = true;
        finishIfIdle();
      }
    });
  }

  private void closed(Context context) {
    for (int i = 0; i < plan.connections(); i++) {
      loop(context);
    }
  }

  private void loop(Context context) {
    long now = System.nanoTime();
    if (now >= measureTo) {
      allSent = true;
      finishIfIdle();
      return;
    }
    // Closed model: the intended time IS the send time; the next request waits for this one by design.
    send(next++, now).onComplete(ar -> context.runOnContext(v -> loop(context)));
  }

  private Future<Integer> send(long index, long intendedNanos) {
    boolean measured = intendedNanos >= measureFrom && intendedNanos < measureTo;
    recorder.sent(measured, intendedNanos, System.nanoTime());
    inFlight++;
    Future<Integer> reply;
    try {
      reply = shot.fire(index, intendedNanos, measured);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    return reply.andThen(ar -> completed(ar, measured, intendedNanos));
  }

  private void completed(AsyncResult<Integer> ar, boolean measured, long intendedNanos) {
    long now = System.nanoTime();
    if (ar.succeeded()) {
      recorder.replied(measured, intendedNanos, now, ar.result());
    } else {
      recorder.failed(measured, intendedNanos, now, ar.cause());
    }
    inFlight--;
    finishIfIdle();
  }

  private void finishIfIdle() {
    if (allSent && inFlight == 0) {
      done.tryComplete();
    }
  }
}
