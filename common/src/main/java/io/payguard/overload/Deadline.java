package io.payguard.overload;

import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * When one request must be answered by. Set when the request arrives ({@link DeadlineHandler}); the work
 * it starts reads it: a connection is not waited for past it, a transaction is not committed past it.
 * Once a write starts committing ({@link #committing()}), its outcome is awaited, whatever the time: a
 * client never hears "failed" about a payment that was stored. Event-loop confined, like the request.
 */
public final class Deadline {

  static final String KEY = "payguard.deadline";
  /** About a century: what "no deadline" means. */
  private static final long NONE_NANOS = 3_000_000_000_000_000_000L;

  private final long expiresAtNanos;
  private final List<Runnable> onExpiry = new ArrayList<>();
  private boolean expired;
  private boolean committing;

  private Deadline(long nanos) {
    this.expiresAtNanos = System.nanoTime() + nanos;
  }

  /** One that passes {@code millis} from now. */
  public static Deadline in(long millis) {
    return new Deadline(millis * 1_000_000);
  }

  /** The deadline of {@code ctx}'s request; none (never expires) where no handler set one. */
  public static Deadline of(RoutingContext ctx) {
    Deadline deadline = ctx.get(KEY);
    return deadline == null ? new Deadline(NONE_NANOS) : deadline;
  }

  public long remainingMs() {
    return remainingNanos() / 1_000_000;
  }

  public long remainingNanos() {
    return Math.max(0, expiresAtNanos - System.nanoTime());
  }

  public boolean expired() {
    return expired || System.nanoTime() - expiresAtNanos >= 0;
  }

  /** From now on the request's outcome is awaited, never replaced by a deadline reply. */
  public void committing() {
    committing = true;
  }

  public boolean isCommitting() {
    return committing;
  }

  /** Runs {@code action} when the deadline passes (at once if it has). */
  public void onExpiry(Runnable action) {
    if (expired) {
      action.run();
    } else {
      onExpiry.add(action);
    }
  }

  void expire() {
    expired = true;
    onExpiry.forEach(Runnable::run);
    onExpiry.clear();
  }
}
