package io.payguard.payment.waiting;

import io.payguard.overload.Deadline;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.HeldSlots;
import io.payguard.payment.payments.Payment;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.payments.PaymentStatus;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * {@code POST /payments} with {@code Prefer: wait=N}: once the payment is committed, the reply waits up to
 * N seconds for its decision and carries the payment as decided, or as PENDING when the time is up
 * ({@code Decision-Status: pending}). The wait starts listening before the payment is written, so no
 * decision can slip past it, and holds none of the capacity the load guards count.
 */
public final class WaitForDecision {

  public static final String APPLIED = "Preference-Applied";
  public static final String STATUS = "Decision-Status";
  /** Each read of the payment after a wake-up gets this long; a read that fails answers what is known. */
  private static final long READ_MS = 1_000;

  private final DecisionWaits waits;
  private final DeadlinePool db;
  private final PaymentRepository payments;
  private final int maxSeconds;

  public WaitForDecision(DecisionWaits waits, DeadlinePool db, PaymentRepository payments, int maxSeconds) {
    this.waits = waits;
    this.db = db;
    this.payments = payments;
    this.maxSeconds = maxSeconds;
  }

  /**
   * Before payment {@code id} is written: the wait its request asks for, listening already; empty when it
   * asks for none, or this process cannot take another waiter (the request is then answered at once).
   */
  public Optional<Wait> begin(RoutingContext ctx, UUID id) {
    OptionalInt seconds = WaitPreference.of(ctx.request(), maxSeconds);
    if (seconds.isEmpty()) {
      return Optional.empty();
    }
    return waits.listen(id).map(waiter -> {
      ctx.addEndHandler(done -> waiter.stop());
      return new Wait(ctx, id, seconds.getAsInt(), waiter);
    });
  }

  /** One request's wait. */
  public final class Wait {

    private final RoutingContext ctx;
    private final UUID id;
    private final int seconds;
    private final DecisionWaits.Waiter first;

    private Wait(RoutingContext ctx, UUID id, int seconds, DecisionWaits.Waiter first) {
      this.ctx = ctx;
      this.id = id;
      this.seconds = seconds;
      this.first = first;
    }

    /** After the commit of {@code accepted}: the payment to reply with, decided if it was in time. */
    public Future<Payment> decision(Payment accepted) {
      HeldSlots.release(ctx);
      long endNanos = System.nanoTime() + seconds * 1_000_000_000L;
      return next(first, accepted, endNanos).map(payment -> {
        ctx.response().putHeader(APPLIED, "wait=" + seconds)
          .putHeader(STATUS, payment.status() == PaymentStatus.PENDING ? "pending" : "decided");
        return payment;
      });
    }

    private Future<Payment> next(DecisionWaits.Waiter waiter, Payment known, long endNanos) {
      return waiter.await(remainingMs(endNanos)).compose(woken -> read(known).compose(now -> {
        if (now.status() != PaymentStatus.PENDING || !woken || remainingMs(endNanos) <= 0) {
          return Future.succeededFuture(now);
        }
        // Woken without a decision (announcements were lost and every waiter looks again): wait on.
        return waits.listen(id).map(again -> next(again, now, endNanos)).orElseGet(() -> Future.succeededFuture(now));
      }));
    }

    private Future<Payment> read(Payment known) {
      if (ctx.response().closed()) {
        return Future.succeededFuture(known); // the client is gone: nobody to tell
      }
      return db.read(Deadline.in(READ_MS), c -> payments.find(c, id))
        .map(found -> found.orElse(known))
        .otherwise(known);
    }

    private static long remainingMs(long endNanos) {
      return (endNanos - System.nanoTime()) / 1_000_000;
    }
  }
}
