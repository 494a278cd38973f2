package io.payguard.bench.decisions;

import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Without Kafka: {@code GET /payments/{id}} until the status is no longer {@code PENDING}. Each pending
 * payment is polled at most once per interval, by a few loops on their own connection pool. This adds
 * GET load to the API being measured, and the end-to-end time it reports is late by up to one interval.
 */
public final class PolledDecisions implements DecisionSource {

  private final Vertx vertx;
  private final Api api;
  private final DecisionLedger ledger;
  private final long intervalNanos;
  private final int loops;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final Promise<Void> stopped = Promise.promise();
  private io.vertx.core.Context context;
  private boolean stopping;
  private int running;

  private record Pending(String id, long dueNanos) {
  }

  public PolledDecisions(Vertx vertx, Api api, DecisionLedger ledger, Duration interval, int loops) {
    this.vertx = vertx;
    this.api = api;
    this.ledger = ledger;
    this.intervalNanos = interval.toNanos();
    this.loops = loops;
  }

  @Override
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < loops; i++) {
        running++;
        next();
      }
      started.complete();
    });
    return started.future();
  }

  @Override
  public void watch(String paymentId) {
    context.runOnContext(v -> pending.addLast(new Pending(paymentId, System.nanoTime() + intervalNanos / 4)));
  }

  private void next() {
    if (stopping) {
      if (--running == 0) {
        stopped.tryComplete();
      }
      return;
    }
    Pending head = pending.pollFirst();
    long now = System.nanoTime();
    if (head == null || head.dueNanos() > now) {
      if (head != null) {
        pending.addFirst(head);
      }
      long waitMillis = head == null ? 20 : Math.max(1, (head.dueNanos() - now) / 1_000_000);
      vertx.setTimer(waitMillis, t -> next());
      return;
    }
    api.get("/payments/" + head.id()).onComplete(ar -> {
      String status = ar.succeeded() && ar.result().statusCode() == 200
        ? Replies.text(Replies.object(ar.result()), "status") : null;
      if (status != null && !"PENDING".equals(status)) {
        ledger.decided(head.id(), System.nanoTime());
      } else {
        pending.addLast(new Pending(head.id(), System.nanoTime() + intervalNanos));
      }
      next();
    });
  }

  @Override
  public Future<Void> stop() {
    context.runOnContext(v -> stopping = true);
    return stopped.future();
  }

  @Override
  public String describe() {
    return "polling GET /payments/{id} every " + intervalNanos / 1_000_000 + " ms per pending payment ("
      + loops + " loops; adds load, end-to-end late by up to one interval)";
  }
}
