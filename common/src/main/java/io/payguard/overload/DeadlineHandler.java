package io.payguard.overload;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Router-wide, first: gives each request its {@link Deadline} (reads, writes, routes of their own) and,
 * when it passes with no reply written and nothing committing, replies 503 with {@code Retry-After}. The
 * work that was under way sees the deadline and gives up (a transaction is rolled back, never committed).
 */
public final class DeadlineHandler extends Guard {

  private final Vertx vertx;
  private final OverloadConfig.Deadlines deadlines;
  private final Refusals refusals;

  public DeadlineHandler(Vertx vertx, OverloadConfig.Deadlines deadlines, Refusals refusals) {
    this.vertx = vertx;
    this.deadlines = deadlines;
    this.refusals = refusals;
  }

  @Override
  void guard(RoutingContext ctx, String route) {
    long millis = deadlines.forRoute(route);
    Deadline deadline = Deadline.in(millis);
    ctx.put(Deadline.KEY, deadline);
    long timer = vertx.setTimer(Math.max(1, millis), t -> {
      deadline.expire();
      if (!ctx.response().headWritten() && !ctx.response().ended() && !deadline.isCommitting()) {
        refusals.refuse(ctx, Refusals.Reason.DEADLINE, 1, "The request did not complete within " + millis
          + " ms; nothing was changed. Retry later.", "no reply within " + millis + " ms");
      }
    });
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    ctx.next();
  }
}
