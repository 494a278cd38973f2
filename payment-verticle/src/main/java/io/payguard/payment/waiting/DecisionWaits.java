package io.payguard.payment.waiting;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of this process that wait for a payment's decision, by payment id. Shared by the API
 * instances (each on its own event loop) and {@link DecisionNotices}, which wakes them when any instance
 * of the service applied a decision. A waiter wakes on its own event loop.
 */
public final class DecisionWaits {

  private final Vertx vertx;
  private final int maxWaiting;
  private final ConcurrentHashMap<UUID, Waiter> waiting = new ConcurrentHashMap<>();

  public DecisionWaits(Vertx vertx, int maxWaiting) {
    this.vertx = vertx;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Starts listening for the decision of payment {@code id}, from the caller's event loop; empty when
   * this process has as many waiting as it allows, or someone waits for this payment already.
   */
  public Optional<Waiter> listen(UUID id) {
    if (waiting.size() >= maxWaiting) {
      return Optional.empty();
    }
    Waiter waiter = new Waiter(id, vertx.getOrCreateContext());
    return waiting.putIfAbsent(id, waiter) == null ? Optional.of(waiter) : Optional.empty();
  }

  /** Decisions were applied to these payments: their waiters wake. */
  public void decided(Collection<UUID> ids) {
    ids.forEach(id -> {
      Waiter waiter = waiting.remove(id);
      if (waiter != null) {
        waiter.wake();
      }
    });
  }

  /** Announcements may have been missed (the listening connection was lost): every waiter looks again. */
  public void wakeAll() {
    decided(waiting.keySet());
  }

  public int size() {
    return waiting.size();
  }

  /** One request's wait for one payment's decision. */
  public final class Waiter {

    private final UUID id;
    private final Context context;
    private final Promise<Boolean> woken = Promise.promise();

    private Waiter(UUID id, Context context) {
      this.id = id;
      this.context = context;
    }

    /** True when a decision was announced within {@code millis} (or before this call), false when not. */
    public Future<Boolean> await(long millis) {
      long timer = vertx.setTimer(Math.max(1, millis), t -> stop());
      return woken.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** No longer waiting (time is up, the request ended): {@link #await} says false, unless woken already. */
    public void stop() {
      waiting.remove(id, this);
      woken.tryComplete(false);
    }

    private void wake() {
      context.runOnContext(v -> woken.tryComplete(true));
    }
  }
}
