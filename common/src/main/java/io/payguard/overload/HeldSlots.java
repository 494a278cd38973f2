package io.payguard.overload;

import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * What the load guards count for a request (its place among the requests in flight, its API key's
 * concurrency) is given back when the request ends, or earlier ({@link #release}) when its work is done
 * and it only waits: a client waiting for a payment's decision holds nothing that others' work needs.
 * Event-loop confined, like the request.
 */
public final class HeldSlots {

  private static final String KEY = "payguard.held-slots";

  private final List<Runnable> releases = new ArrayList<>();

  private HeldSlots() {
  }

  /** {@code release} runs once: at {@link #release}, or when the request ends. */
  static void hold(RoutingContext ctx, Runnable release) {
    HeldSlots slots = ctx.get(KEY);
    if (slots == null) {
      HeldSlots created = new HeldSlots();
      ctx.put(KEY, created);
      ctx.addEndHandler(done -> created.releaseAll());
      slots = created;
    }
    slots.releases.add(release);
  }

  /** Gives back, now, everything {@code ctx}'s request holds. */
  public static void release(RoutingContext ctx) {
    HeldSlots slots = ctx.get(KEY);
    if (slots != null) {
      slots.releaseAll();
    }
  }

  private void releaseAll() {
    releases.forEach(Runnable::run);
    releases.clear();
  }
}
